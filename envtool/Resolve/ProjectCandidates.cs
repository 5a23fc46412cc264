using EnvTool.Index;
using EnvTool.Standards.Tags;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;

namespace EnvTool.Resolve;

/// <summary>One version of a project as the index lists it, with the wheel the target would install.</summary>
internal sealed record VersionEntry(Pep440Version Version, DistributionFile? Wheel, string? UnavailableReason, bool RequiresPythonChecked);

/// <summary>
/// A project's files grouped by version, newest first, judged for one target: which wheel each version
/// would use and why a version cannot be used (no wheel for this platform, yanked, Requires-Python).
/// Pre-releases the policy leaves out are not listed, only remembered for explanations.
/// </summary>
internal sealed class ProjectCandidates
{
    private ProjectCandidates(string name, IReadOnlyList<VersionEntry> newestFirst, IReadOnlyList<Pep440Version> excludedPrereleases, bool notFound)
    {
        Name = name;
        NewestFirst = newestFirst;
        ExcludedPrereleases = excludedPrereleases;
        NotFound = notFound;
    }

    public string Name { get; }
    public IReadOnlyList<VersionEntry> NewestFirst { get; }
    public IReadOnlyList<Pep440Version> ExcludedPrereleases { get; }
    public bool NotFound { get; }

    public VersionEntry? Find(Pep440Version version) => NewestFirst.FirstOrDefault(e => e.Version == version);

    /// <param name="allowPrereleases">The policy's answer for this project, given whether it has any final release.</param>
    /// <param name="allowYanked">Whether a version may be used even though it was yanked (the user pinned it).</param>
    public static ProjectCandidates From(ProjectPage page, SupportedTags tags, Pep440Version python,
        Func<bool, bool> allowPrereleases, Func<Pep440Version, bool> allowYanked)
    {
        var byVersion = new Dictionary<Pep440Version, (List<(DistributionFile File, WheelFileName Name)> Wheels, List<DistributionFile> Sdists)>();
        foreach (var file in page.Files)
        {
            if (Parse(file, page.NormalizedName) is not { } parsed) continue;
            if (!byVersion.TryGetValue(parsed.Version, out var group))
                byVersion[parsed.Version] = group = ([], []);
            if (parsed.Wheel is { } wheel) group.Wheels.Add((file, wheel));
            else group.Sdists.Add(file);
        }
        if (byVersion.Count == 0) return new ProjectCandidates(page.NormalizedName, [], [], notFound: page.Files.Count == 0);

        bool prereleases = allowPrereleases(byVersion.Keys.Any(v => !v.IsPrerelease));
        var entries = new List<VersionEntry>();
        var excluded = new List<Pep440Version>();
        foreach (var (version, (wheels, sdists)) in byVersion.OrderByDescending(kv => kv.Key))
        {
            if (version.IsPrerelease && !prereleases)
            {
                excluded.Add(version);
                continue;
            }
            entries.Add(Judge(version, wheels, sdists, tags, python, allowYanked));
        }
        return new ProjectCandidates(page.NormalizedName, entries, excluded, notFound: false);
    }

    private static VersionEntry Judge(Pep440Version version, List<(DistributionFile File, WheelFileName Name)> wheels,
        List<DistributionFile> sdists, SupportedTags tags, Pep440Version python, Func<Pep440Version, bool> allowYanked)
    {
        var compatible = wheels
            .Select(w => (w.File, w.Name, Rank: tags.BestRank(w.Name.Tags)))
            .Where(w => w.Rank is not null)
            .OrderBy(w => w.File.IsYanked)
            .ThenBy(w => w.Rank)
            .ThenByDescending(w => w.Name.BuildTag)
            .ThenBy(w => w.File.FileName, StringComparer.Ordinal)
            .ToList();
        if (compatible.Count == 0)
        {
            var reason = wheels.Count == 0 && sdists.Count > 0
                ? "has no wheel for this platform (only sdists, which envtool cannot build yet)"
                : "has no wheel for this platform";
            return new VersionEntry(version, null, reason, false);
        }
        var best = compatible[0].File;
        if (best.IsYanked && !allowYanked(version))
            return new VersionEntry(version, best, best.YankedReason is { Length: > 0 } why ? $"was yanked (reason: {why})" : "was yanked", false);
        if (best.RequiresPython is { } requiresPython && SpecifierSet.TryParse(requiresPython, out var set))
        {
            if (!set!.Contains(python, prereleases: true))
                return new VersionEntry(version, best, RequiresPythonReason(set, python), true);
            return new VersionEntry(version, best, null, true);
        }
        return new VersionEntry(version, best, null, false);
    }

    public static string RequiresPythonReason(SpecifierSet requiresPython, Pep440Version python) =>
        $"requires Python {requiresPython}, but the target is {python}";

    private static (Pep440Version Version, WheelFileName? Wheel)? Parse(DistributionFile file, string normalizedName)
    {
        var name = file.FileName;
        if (name.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var wheel = WheelFileName.Parse(name);
                return wheel.NormalizedName == normalizedName ? (wheel.Version, wheel) : null;
            }
            catch (Standards.ParseException)
            {
                return null; // not a wheel we could ever install; pip and uv skip such files too
            }
        }
        string? stem = null;
        foreach (var ext in (string[])[".tar.gz", ".zip", ".tar.bz2", ".tgz"])
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) stem = name[..^ext.Length];
        if (stem is null) return null;
        int dash = stem.LastIndexOf('-');
        if (dash <= 0 || Standards.Names.PackageName.Normalize(stem[..dash]) != normalizedName) return null;
        return Pep440Version.TryParse(stem[(dash + 1)..], out var version) ? (version!, null) : null;
    }
}
