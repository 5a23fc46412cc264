using EnvTool.Store.Catalog;
using EnvTool.Store.Environments;
using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;
using EnvTool.Store.Trees;

namespace EnvTool.Store.Gc;

/// <summary>One package of an environment's current tree.</summary>
/// <param name="LogicalBytes">Its files' sizes added up (what a plain copy would take).</param>
/// <param name="PhysicalBytes">Its entry's inodes, each once.</param>
/// <param name="Environments">How many environments' current trees use this entry.</param>
public sealed record PackageUsage(string Name, string Version, string ArtifactSha256, long LogicalBytes, long PhysicalBytes, int Environments);

/// <summary>
/// One registered environment: every tree its generations name, walked as a venv of plain files
/// would be (logical) and by inode (physical: hard links counted once). Shared bytes are inodes some
/// other environment's trees hold too; unique bytes are what removing this environment alone frees.
/// </summary>
/// <param name="Present">False when the path no longer leads to one of its trees (gc will drop it).</param>
public sealed record EnvironmentUsage(
    string Path, int? CurrentGeneration, int Generations, int Trees, bool Present,
    long LogicalBytes, long PhysicalBytes, long SharedBytes, long UniqueBytes,
    IReadOnlyList<PackageUsage> Packages);

/// <param name="StoreBytes">The whole store's physical size (each inode once).</param>
public sealed record DiskUsageReport(string Root, long StoreBytes, IReadOnlyList<EnvironmentUsage> Environments);

internal static class DiskUsage
{
    private sealed record Walk(long LogicalBytes, Dictionary<(ulong, ulong), long> Inodes);

    internal static DiskUsageReport Measure(StoreLayout layout, CatalogDatabase database)
    {
        var environments = new EnvironmentCatalog(layout, database);
        var trees = new TreeCatalog(layout, database);
        var walks = new Dictionary<string, Walk>(StringComparer.Ordinal);
        Walk WalkOf(string directory) => walks.TryGetValue(directory, out var w) ? w : walks[directory] = WalkDirectory(directory);

        var found = new List<(string Path, EnvironmentCatalog.Rows Rows, int? Current, bool Present, List<string> TreeKeys)>();
        foreach (var row in new GcCatalog(layout, database).Environments())
        {
            var rows = environments.Read(row.Path);
            var (current, present) = Current(layout, row.Path, rows);
            var keys = rows.Generations.Select(g => g.TreeKey).Distinct(StringComparer.Ordinal).ToList();
            found.Add((row.Path, rows, current, present, keys));
        }

        // Which environments hold each inode, and which use each entry in their current tree.
        var holders = new Dictionary<(ulong, ulong), HashSet<int>>();
        var entryUsers = new Dictionary<string, int>(StringComparer.Ordinal);
        var currentEntries = new List<IReadOnlyList<TreeEntryInfo>>();
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var key in found[i].TreeKeys)
                foreach (var inode in WalkOf(layout.TreeDir(key)).Inodes.Keys)
                {
                    if (!holders.TryGetValue(inode, out var set)) holders[inode] = set = [];
                    set.Add(i);
                }
            var currentKey = found[i].Rows.Generations.FirstOrDefault(g => g.Number == found[i].Current)?.TreeKey;
            var entries = currentKey is null ? [] : trees.Entries(currentKey) ?? [];
            currentEntries.Add(entries);
            foreach (var entry in entries)
                entryUsers[entry.Entry.ArtifactSha256] = entryUsers.GetValueOrDefault(entry.Entry.ArtifactSha256) + 1;
        }

        var usages = new List<EnvironmentUsage>();
        for (var i = 0; i < found.Count; i++)
        {
            var (path, rows, current, present, keys) = found[i];
            long logical = 0, physical = 0, shared = 0;
            var counted = new HashSet<(ulong, ulong)>();
            foreach (var key in keys)
            {
                var walk = WalkOf(layout.TreeDir(key));
                logical += walk.LogicalBytes;
                foreach (var (inode, size) in walk.Inodes)
                {
                    if (!counted.Add(inode)) continue;
                    physical += size;
                    if (holders[inode].Count > 1) shared += size;
                }
            }
            var packages = currentEntries[i]
                .Select(e => new PackageUsage(e.Name, e.Version, e.Entry.ArtifactSha256, e.Entry.Bytes,
                    WalkOf(e.Entry.Path).Inodes.Values.Sum(), entryUsers[e.Entry.ArtifactSha256]))
                .ToList();
            usages.Add(new EnvironmentUsage(path, current, rows.Generations.Count, keys.Count, present,
                logical, physical, shared, physical - shared, packages));
        }
        return new DiskUsageReport(layout.Root, StoreSize.Measure(layout), usages);
    }

    /// <summary>The generation the symlink makes current, else the catalog's (when the path no longer leads to the environment).</summary>
    private static (int? Current, bool Present) Current(StoreLayout layout, string path, EnvironmentCatalog.Rows rows)
    {
        try
        {
            var key = EnvironmentLink.ReadTreeKey(layout, path);
            if (key is not null && rows.Generations.Any(g => g.TreeKey == key))
                return (EnvironmentReader.ResolveCurrent(path, key, rows), true);
        }
        catch (EnvToolException)
        {
            // Something else is at the path: reported as not present.
        }
        return (rows.CurrentNumber, false);
    }

    private static Walk WalkDirectory(string directory)
    {
        long logical = 0;
        var inodes = new Dictionary<(ulong, ulong), long>();
        if (!Directory.Exists(directory)) return new Walk(0, inodes);
        foreach (var file in InodeTally.Files(directory))
        {
            if (Posix.TryStat(file) is not { IsRegularFile: true } status) continue;
            logical += status.Size;
            inodes[(status.Device, status.Inode)] = status.Size;
        }
        return new Walk(logical, inodes);
    }
}
