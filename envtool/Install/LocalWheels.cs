using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Index;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Wheels;
using EnvTool.Store;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;

namespace EnvTool.Install;

/// <summary>
/// Requests that name local wheel files (a path, or <c>name @ file:///...whl</c>): each becomes an
/// exact requirement (<c>name[extras]==version ; marker</c>) and a pin of its project to that one file,
/// so the resolver takes that wheel and resolves its dependencies from the real sources.
/// </summary>
internal static class LocalWheels
{
    private sealed record LocalWheel(Requirement Requirement, PinnedFile Pin);

    /// <summary>
    /// The requests that name local wheel files, each as a pin and an exact requirement for it. A
    /// wheel the store already holds is read from its entry (METADATA) rather than its zip; without a
    /// store (locking) every wheel is hashed and read.
    /// </summary>
    private static Dictionary<string, LocalWheel> From(IReadOnlyList<PackageRequest> requests, ContentStore? store)
    {
        var digests = store is null ? null : new LocalFileDigests(store.Layout.CacheDir);
        var files = new Dictionary<string, (Requirement Requirement, DistributionFile File)>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (request.WheelPath is not { } path) continue;
            if (!File.Exists(path))
                throw new EnvToolException($"wheel file '{request.Text}' ({request.Origin}) does not exist");
            var name = WheelFileName.Parse(Path.GetFileName(path));
            if (request.Requirement is { } named && named.Name.Normalized != name.NormalizedName)
                throw new EnvToolException($"'{request.Text}' ({request.Origin}) names {named.Name.Original}, but the wheel is {name.Distribution} {name.VersionText}");
            if (files.ContainsKey(name.NormalizedName))
                throw new EnvToolException($"two wheels for {name.Distribution}, one of them '{request.Text}' ({request.Origin})", "name one version of each package");

            var file = new DistributionFile
            {
                FileName = name.FileName,
                Url = new Uri(Path.GetFullPath(path)),
                Hashes = new Dictionary<string, string> { ["sha256"] = digests?.Sha256(path) ?? LocalFileDigests.Compute(path) },
                Size = new FileInfo(path).Length,
                Source = path,
            };
            var extras = request.Requirement is { Extras.Count: > 0 } withExtras ? $"[{string.Join(',', withExtras.Extras)}]" : "";
            var marker = request.Requirement?.Marker is { } m ? $" ; {m}" : "";
            files[name.NormalizedName] = (Requirement.Parse($"{name.NormalizedName}{extras}=={name.Version}{marker}"), file);
        }

        var stored = store?.FindEntries(files.Values.Select(f => f.File.Hashes["sha256"]).ToList())
                     ?? new Dictionary<string, EntryRecord>();
        return files.ToDictionary(kv => kv.Key, kv =>
        {
            var metadata = stored.TryGetValue(kv.Value.File.Hashes["sha256"], out var entry)
                ? Path.Combine(entry.Path, EntryDistInfo.Find(entry), "METADATA")
                : null;
            return new LocalWheel(kv.Value.Requirement, new PinnedFile(kv.Value.File, metadata));
        }, StringComparer.Ordinal);
    }

    /// <summary>The root requirements of <paramref name="requests"/> (local wheels as exact requirements) and the pins of those wheels.</summary>
    public static (List<Requirement> Roots, Dictionary<string, PinnedFile> Pinned) Roots(IReadOnlyList<PackageRequest> requests, ContentStore? store)
    {
        var local = From(requests, store);
        var roots = requests.Select(r => r.WheelPath is { } path
                ? local[WheelFileName.Parse(Path.GetFileName(path)).NormalizedName].Requirement
                : r.Requirement!)
            .DistinctBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();
        return (roots, local.ToDictionary(kv => kv.Key, kv => kv.Value.Pin, StringComparer.Ordinal));
    }
}
