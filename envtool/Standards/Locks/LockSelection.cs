using EnvTool.Standards.Names;

namespace EnvTool.Standards.Locks;

/// <summary>A package the target installs, with the wheel chosen for it.</summary>
public sealed record SelectedWheel(LockedPackage Package, LockedWheel Wheel);

/// <summary>
/// PEP 751's installation steps up to "what to fetch", for one target: check <c>requires-python</c> and
/// <c>environments</c>, keep the packages whose marker holds, check each one's <c>requires-python</c>,
/// refuse two entries for one package, and pick each package's best wheel (the lowest
/// <see cref="Tags.SupportedTags.BestRank"/> of its tags; a higher build tag, then the file name, breaks
/// ties). No network, no resolution: the result depends on the lock and the target only. Verifying the
/// fetched files (<see cref="LockedFile.Size"/>, <see cref="FileHashes.Sha256"/>) is the installer's job.
/// </summary>
public static class LockSelection
{
    /// <exception cref="LockSelectionException">The lock does not fit the target.</exception>
    /// <exception cref="Markers.MarkerEvaluationException">A marker cannot be evaluated.</exception>
    public static IReadOnlyList<SelectedWheel> Select(PyLock lockFile, LockTarget target)
    {
        var source = lockFile.File ?? "the lock file";
        var python = target.Markers.PythonFullVersionAsVersion;
        var extras = CheckRequested(lockFile.Extras, target.Extras, "extra", "extras", source);
        var groups = target.DependencyGroups is null
            ? new HashSet<string>(lockFile.DefaultGroups ?? [], StringComparer.Ordinal)
            : CheckRequested(Union(lockFile.DependencyGroups, lockFile.DefaultGroups), target.DependencyGroups, "dependency group", "dependency-groups", source);

        if (lockFile.RequiresPython is { } requiresPython && !requiresPython.Contains(python, prereleases: true))
            throw new LockSelectionException(
                $"{source} requires Python {requiresPython}, but the target is {target.Description} (Python {python})",
                "use an interpreter the lock supports, or re-lock for this one");

        if (lockFile.Environments is { Count: > 0 } environments
            && !environments.Any(marker => marker.EvaluateInLock(target.Markers, extras, groups)))
            throw new LockSelectionException(
                $"{source} supports only the environments {string.Join(" | ", environments.Select(m => $"'{m}'"))}; none holds for {target.Description}",
                "re-lock including this environment");

        var chosen = new Dictionary<PackageName, LockedPackage>();
        var selected = new List<SelectedWheel>();
        foreach (var package in lockFile.Packages)
        {
            if (package.Marker is { } marker && !marker.EvaluateInLock(target.Markers, extras, groups))
                continue;
            if (package.RequiresPython is { } packagePython && !packagePython.Contains(python, prereleases: true))
                throw new LockSelectionException(
                    $"{source}: {package.Display} requires Python {packagePython}, but the target is {target.Description} (Python {python})");
            if (chosen.TryGetValue(package.Name, out var other))
                throw new LockSelectionException(
                    $"{source}: two entries for '{package.Name}' apply to {target.Description} ({other.Display}{MarkerText(other)} and {package.Display}{MarkerText(package)})",
                    "the markers of a package's entries must not overlap; re-lock");
            chosen.Add(package.Name, package);
            if (package.WhyNotInstallable is { } why)
                throw new LockSelectionException($"{source}: cannot install {package.Display}: {why}; envtool installs wheels only",
                    "lock with wheels only (e.g. a locker's binary-only option), or build the wheel and lock it by path");
            selected.Add(new SelectedWheel(package, BestWheel(package, target, source)));
        }
        return selected;
    }

    private static LockedWheel BestWheel(LockedPackage package, LockTarget target, string source)
    {
        LockedWheel? best = null;
        var bestRank = int.MaxValue;
        foreach (var wheel in package.Wheels)
        {
            if (target.Tags.BestRank(wheel.Name.Tags) is not { } rank) continue;
            if (best is null || rank < bestRank || rank == bestRank && Better(wheel, best))
            {
                best = wheel;
                bestRank = rank;
            }
        }
        if (best is not null) return best;

        var names = string.Join(", ", package.Wheels.Select(w => w.Name.FileName).Order(StringComparer.Ordinal));
        var accepted = target.Tags.Tags.Take(3).Select(t => t.ToString()).ToList();
        var acceptedText = accepted.Count == 0 ? "no tags" : string.Join(", ", accepted) + (target.Tags.Tags.Count > 3 ? $" and {target.Tags.Tags.Count - 3} more" : "");
        throw new LockSelectionException(
            $"{source}: no wheel of {package.Display} fits {target.Description}; the lock has {names}",
            $"the target accepts {acceptedText}; re-lock including this platform");
    }

    /// <summary>Among wheels of equal rank, a higher build tag wins (as pip does), then the file name for determinism.</summary>
    private static bool Better(LockedWheel candidate, LockedWheel current)
    {
        var build = (candidate.Name.BuildTag, current.Name.BuildTag) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            var (a, b) => a.CompareTo(b),
        };
        return build != 0 ? build > 0 : string.CompareOrdinal(candidate.Name.FileName, current.Name.FileName) < 0;
    }

    private static string MarkerText(LockedPackage package) => package.Marker is { } m ? $" with marker '{m}'" : " without marker";

    /// <summary>The requested names, normalized, after checking the lock offers each of them.</summary>
    private static HashSet<string> CheckRequested(IEnumerable<string>? offered, IReadOnlySet<string> requested, string what, string key, string source)
    {
        var available = new HashSet<string>((offered ?? []).Select(ExtraName.Normalize), StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            var normalized = ExtraName.Normalize(name);
            if (!available.Contains(normalized))
                throw new LockSelectionException(
                    $"{source} has no {what} '{name}'" + (available.Count == 0 ? $" (its {key} list is empty or absent)" : $" (it has: {string.Join(", ", available.Order(StringComparer.Ordinal))})"));
            result.Add(normalized);
        }
        return result;
    }

    private static IEnumerable<string> Union(IEnumerable<string>? a, IEnumerable<string>? b) => (a ?? []).Concat(b ?? []);
}
