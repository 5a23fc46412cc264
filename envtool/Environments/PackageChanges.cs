using EnvTool.Environments.Trees;
using EnvTool.Standards.Names;
using EnvTool.Store.Environments;

namespace EnvTool.Environments;

/// <summary>What differs between two package sets, by normalized name, sorted by name.</summary>
public static class PackageChanges
{
    public static IReadOnlyList<GenerationChange> Between(IReadOnlyList<TreePackage> before, IReadOnlyList<TreePackage> after)
    {
        var old = before.ToDictionary(p => PackageName.Normalize(p.Name), StringComparer.Ordinal);
        var now = after.ToDictionary(p => PackageName.Normalize(p.Name), StringComparer.Ordinal);
        var changes = new List<(string Key, GenerationChange Change)>();
        foreach (var (key, p) in now)
        {
            if (!old.TryGetValue(key, out var o))
                changes.Add((key, new GenerationChange(GenerationChangeKind.Added, p.Name, null, p.Version)));
            else if (o.Entry.ArtifactSha256 != p.Entry.ArtifactSha256)
                changes.Add((key, new GenerationChange(GenerationChangeKind.Changed, p.Name, o.Version, p.Version)));
        }
        foreach (var (key, o) in old)
            if (!now.ContainsKey(key))
                changes.Add((key, new GenerationChange(GenerationChangeKind.Removed, o.Name, o.Version, null)));
        // Sorted in place: Select on OrderBy's iterator would be a generic virtual call (see RequirementInputs.Read).
        changes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return changes.ConvertAll(c => c.Change);
    }
}
