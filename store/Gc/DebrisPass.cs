using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;
using EnvTool.Store.Staging;
using EnvTool.Store.Verify;

namespace EnvTool.Store.Gc;

/// <summary>
/// What is on disk without a catalog row: directories in entries/, trees/ and overlays/ left by
/// crashes (each removed under its publisher's lock after checking again that no row appeared),
/// uncatalogued objects (older than the grace window, and only while no operation is in flight),
/// staging and owner locks of dead processes, cache files past their lifetime, and the directories
/// set aside for this user (or, as root, for anyone) by other users' gc (see <see cref="Trash"/>).
/// </summary>
internal sealed class DebrisPass(StoreLayout layout, CatalogDatabase database, GcOptions options, long now, InodeTally tally, List<GcItem> items, List<string> notes)
{
    private readonly GcCatalog _catalog = new(layout, database);
    private readonly VerifyCatalog _verify = new(database);

    internal void Run(CancellationToken ct)
    {
        Entries();
        ct.ThrowIfCancellationRequested();
        PublishedDirectories(layout.TreesDir, "trees/",
            name => IsTreeKey(name) ? layout.TreeLockPath(name) : null, name => _catalog.TreeExists(name));
        PublishedDirectories(layout.OverlaysDir, "overlays/",
            name => OverlayLock(name), name => _catalog.OverlayExists("overlays/" + name));
        ct.ThrowIfCancellationRequested();
        Objects();
        Staging();
        if (!options.DryRun) OwnerLock.SweepFree(layout);
        SetAside();
        Cache(ct);
    }

    private void Entries()
    {
        var catalogued = _verify.Entries().Select(e => e.ArtifactSha256).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in OrphanFinder.EntryDirectories(layout, _verify, catalogued))
        {
            var name = Path.GetFileName(problem.Path);
            if (options.DryRun) tally.AddTree(problem.Path);
            else if (Sha256Hex.IsValid(name)) EntryDebris.RemoveIfUncatalogued(layout, name, _catalog.EntryExists, tally.AddTree);
            else Remove(problem.Path);
            items.Add(new GcItem(GcItemKind.Debris, problem.Path));
        }
    }

    /// <summary>Directories of trees/ or overlays/ without a row; names no publisher could have made go without a lock.</summary>
    private void PublishedDirectories(string directory, string prefix, Func<string, string?> lockOf, Func<string, bool> catalogued)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var path in Directory.EnumerateFileSystemEntries(directory))
        {
            var name = Path.GetFileName(path);
            if (catalogued(name) || Trash.IsTrash(path)) continue;
            if (options.DryRun) tally.AddTree(path);
            else if (lockOf(name) is { } lockPath)
            {
                if (!UncataloguedDirectory.Remove(lockPath, path, () => catalogued(name), tally.AddTree)) continue;
            }
            else Remove(path);
            items.Add(new GcItem(GcItemKind.Debris, prefix + name));
        }
    }

    private static bool IsTreeKey(string key) =>
        key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>overlays/&lt;entry sha256&gt;-&lt;tag&gt; is published under that overlay's lock.</summary>
    private string? OverlayLock(string name) =>
        name.Length > 65 && name[64] == '-' && Sha256Hex.IsValid(name[..64]) ? layout.OverlayLockPath(name[..64], name[65..]) : null;

    private void Objects()
    {
        var catalogued = _verify.Objects().Select(o => o.Object).ToHashSet();
        var orphans = OrphanFinder.Objects(layout, _verify, catalogued, options.Grace);
        if (orphans.Count == 0) return;
        if (options.DryRun)
        {
            foreach (var orphan in orphans) Take(orphan.Path);
            return;
        }
        var storeLock = FileLock.Acquire(layout.RootsLockPath);
        try
        {
            if (_catalog.OperationInFlight(now)) return; // an importer links objects before it commits their rows
            foreach (var orphan in orphans)
            {
                var name = Path.GetFileName(orphan.Path);
                if (OrphanFinder.Parse(Path.GetFileName(Path.GetDirectoryName(orphan.Path)!), name) is { } obj && _catalog.ObjectExists(obj)) continue;
                items.Add(new GcItem(GcItemKind.Debris, Path.GetRelativePath(layout.Root, orphan.Path)));
                Remove(orphan.Path);
            }
        }
        finally
        {
            storeLock.Dispose();
        }
    }

    private void Staging()
    {
        var dead = StagingSweeper.FindDead(layout);
        foreach (var dir in dead)
        {
            tally.AddTree(dir);
            items.Add(new GcItem(GcItemKind.Staging, Path.GetRelativePath(layout.Root, dir)));
        }
        if (!options.DryRun && dead.Count > 0)
            StagingSweeper.Sweep(layout, artifact => EntryDebris.RemoveIfUncatalogued(layout, artifact, _catalog.EntryExists, tally.AddTree));
    }

    /// <summary>
    /// Directories set aside because their owner was not the user removing them: this user's (all,
    /// as root) go now; others' stay, with a note saying who can free them.
    /// </summary>
    private void SetAside()
    {
        var (removed, left) = Trash.Empty([layout.TreesDir, layout.EntriesDir, layout.OverlaysDir, layout.TmpDir], options.DryRun, tally.AddTree);
        foreach (var path in removed) items.Add(new GcItem(GcItemKind.Debris, Path.GetRelativePath(layout.Root, path)));
        if (left.Count > 0)
            notes.Add($"{left.Count} director{(left.Count == 1 ? "y" : "ies")} other users made, no longer used, set aside as {Trash.Prefix}* in the store: "
                      + "only their owners or root may remove them, and gc run by them (or by root) does");
    }

    /// <summary>
    /// Cached files whose group (the files of one key: <c>&lt;key&gt;.json</c> and <c>&lt;key&gt;.body</c>
    /// in one directory) has not been written for the cache lifetime go together, so a header never
    /// outlives its body.
    /// </summary>
    private void Cache(CancellationToken ct)
    {
        if (!Directory.Exists(layout.CacheDir)) return;
        var lifetime = options.OlderThan ?? options.CacheLifetime;
        var cutoffNs = (now - (long)lifetime.TotalMilliseconds) * 1_000_000;
        var groups = InodeTally.Files(layout.CacheDir)
            .GroupBy(f => Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileName(f).Split('.')[0]), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            ct.ThrowIfCancellationRequested();
            var files = group.ToList();
            if (files.Any(f => Posix.TryStat(f) is not { } s || s.MtimeNs >= cutoffNs)) continue;
            foreach (var file in files)
            {
                tally.AddFile(file);
                if (!options.DryRun) Posix.TryUnlink(file);
                items.Add(new GcItem(GcItemKind.CacheFile, Path.GetRelativePath(layout.Root, file)));
            }
        }
    }

    private void Take(string path)
    {
        tally.AddTree(path);
        items.Add(new GcItem(GcItemKind.Debris, Path.GetRelativePath(layout.Root, path)));
    }

    private void Remove(string path)
    {
        try
        {
            Trash.Discard(path, tally.AddTree);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (FileNotFoundException)
        {
        }
    }
}
