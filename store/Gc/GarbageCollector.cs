using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using static EnvTool.Store.Catalog.GcCatalog;

namespace EnvTool.Store.Gc;

/// <summary>
/// One garbage collection, in the design's order: roots first (environments and their generations,
/// root rows), then mark (<see cref="GcPlan"/>), then sweep trees, overlays, entries, artifacts and
/// objects, each "delete if unrooted" a BEGIN IMMEDIATE transaction that re-checks its roots, and
/// each directory removed only after its row is gone (a directory without a row is debris that the
/// next gc removes). Then debris, stale staging, expired cache files, and the size limit.
/// A dry run makes every decision the same way and removes nothing.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly StoreLayout _layout;
    private readonly CatalogDatabase _database;
    private readonly GcCatalog _catalog;
    private readonly GcOptions _options;
    private readonly long _now;
    private readonly long _cutoff;
    private readonly InodeTally _tally = new();
    private readonly List<GcItem> _items = [];
    private readonly List<string> _notes = [];
    private bool _objectsPostponed;

    internal GarbageCollector(StoreLayout layout, CatalogDatabase database, GcOptions options)
    {
        _layout = layout;
        _database = database;
        _catalog = new GcCatalog(layout, database);
        _options = options;
        _now = StoreCatalog.Now();
        _cutoff = _now - (long)options.Grace.TotalMilliseconds;
    }

    private bool DryRun => _options.DryRun;

    internal GcReport Run(CancellationToken ct)
    {
        var gcLock = FileLock.Acquire(_layout.GcLockPath, ct);
        try
        {
            // The catalog's WAL is part of the store's size; folded in first, it no longer depends on
            // how many commands ran since the last checkpoint, and again at the end (below).
            _database.Checkpoint();
            long? before = _options.MaxSize is null ? null : StoreSize.Measure(_layout);
            var environments = new EnvironmentPass(_layout, _database, _options, _now);
            environments.Run(_items, _notes, ct);

            var plan = new GcPlan(_catalog.Read(), environments.Removed, _cutoff, _now);
            Sweep(plan, ct);
            new DebrisPass(_layout, _database, _options, _now, _tally, _items, _notes).Run(ct);

            var fits = true;
            long? after = null;
            if (_options.MaxSize is { } max && before is { } size)
            {
                after = Evict(plan, max, size, ct);
                fits = after <= max;
                if (!fits)
                    _notes.Add($"the store cannot fit in {max} bytes: {after} bytes remain in use by roots"
                               + (_objectsPostponed ? " or wait for operations in flight" : ""));
            }
            if (_objectsPostponed)
                _notes.Add("some unreferenced objects were kept because other envtool processes were working on the store; the next gc removes them");
            if (!DryRun) _database.Checkpoint();
            return new GcReport(DryRun, _tally.FreedBytes, _items, _notes, _options.MaxSize, before, after, fits);
        }
        finally
        {
            gcLock.Dispose();
        }
    }

    private void Sweep(GcPlan plan, CancellationToken ct)
    {
        foreach (var tree in plan.Trees)
        {
            ct.ThrowIfCancellationRequested();
            if (!DryRun && !_catalog.DeleteTree(tree.Key, _cutoff, _now)) continue;
            RemoveDirectory(_layout.TreeLockPath(tree.Key), _layout.Absolute(tree.Path), () => _catalog.TreeExists(tree.Key));
            _items.Add(new GcItem(GcItemKind.Tree, tree.Key));
        }
        foreach (var (overlay, sha) in plan.Overlays)
        {
            ct.ThrowIfCancellationRequested();
            RemoveOverlay(overlay, sha, _cutoff, evicted: false);
        }
        foreach (var entry in plan.Entries)
        {
            ct.ThrowIfCancellationRequested();
            RemoveEntry(entry, _cutoff, evicted: false);
        }
        foreach (var sha in plan.Artifacts)
        {
            if (!DryRun && !_catalog.DeleteArtifact(sha, _cutoff, _now)) continue;
            _items.Add(new GcItem(GcItemKind.Artifact, sha));
        }
        RemoveObjects(plan.Objects, evicted: false);
    }

    /// <summary>Evicts unreferenced entries, least recently used first, until the store fits; returns its size after.</summary>
    private long Evict(GcPlan plan, long max, long before, CancellationToken ct)
    {
        foreach (var entry in plan.EvictionCandidates().ToList())
        {
            if (before - _tally.FreedBytes <= max) break;
            ct.ThrowIfCancellationRequested();
            var (overlays, objects) = plan.Evict(entry);
            foreach (var overlay in overlays) RemoveOverlay(overlay, entry.Sha256, cutoff: null, evicted: true);
            if (!RemoveEntry(entry, cutoff: null, evicted: true)) continue;
            RemoveObjects(objects, evicted: true);
        }
        return before - _tally.FreedBytes;
    }

    private void RemoveOverlay(OverlayItem overlay, string entrySha256, long? cutoff, bool evicted)
    {
        if (!DryRun && !_catalog.DeleteOverlay(overlay.Id, entrySha256, cutoff, _now)) return;
        RemoveDirectory(_layout.OverlayLockPath(entrySha256, overlay.Tag), _layout.Absolute(overlay.Path), () => _catalog.OverlayExists(overlay.Path));
        _items.Add(new GcItem(GcItemKind.Overlay, Path.GetFileName(overlay.Path), Evicted: evicted));
    }

    private bool RemoveEntry(EntryItem entry, long? cutoff, bool evicted)
    {
        if (!DryRun && !_catalog.DeleteEntry(entry.Sha256, cutoff, _now)) return false;
        // An entry used in place from a read-only layer (an absolute path) loses only its rows here.
        var ours = !Path.IsPathRooted(entry.Path);
        if (ours && DryRun) _tally.AddTree(_layout.EntryDir(entry.Sha256));
        else if (ours) EntryDebris.RemoveIfUncatalogued(_layout, entry.Sha256, _catalog.EntryExists, _tally.AddTree);
        _items.Add(new GcItem(GcItemKind.Entry, entry.Sha256, Evicted: evicted));
        return true;
    }

    /// <summary>
    /// Objects go under the store lock and only while no operation is in flight: an import or a tree
    /// build may link any object, and it registers its root under this same lock before it starts.
    /// The rows go first, then the files.
    /// </summary>
    private void RemoveObjects(IReadOnlyList<ObjectItem> objects, bool evicted)
    {
        if (objects.Count == 0) return;
        if (DryRun)
        {
            foreach (var obj in objects)
            {
                _tally.AddFile(_layout.ObjectPath(obj.Object));
                _items.Add(new GcItem(GcItemKind.Object, obj.Object.Sha256 + (obj.Object.Executable ? " (executable)" : ""), Evicted: evicted));
            }
            return;
        }
        var storeLock = FileLock.Acquire(_layout.RootsLockPath);
        try
        {
            var deleted = _catalog.DeleteObjects(objects.Select(o => o.Id).ToList(), _now);
            if (deleted is null)
            {
                _objectsPostponed = true;
                return;
            }
            var byId = objects.ToDictionary(o => o.Id);
            foreach (var id in deleted)
            {
                var path = _layout.ObjectPath(byId[id].Object);
                _tally.AddFile(path);
                Posix.TryUnlink(path);
                _items.Add(new GcItem(GcItemKind.Object, byId[id].Object.Sha256 + (byId[id].Object.Executable ? " (executable)" : ""), Evicted: evicted));
            }
        }
        finally
        {
            storeLock.Dispose();
        }
    }

    private void RemoveDirectory(string lockPath, string directory, Func<bool> catalogued)
    {
        if (DryRun) _tally.AddTree(directory);
        else UncataloguedDirectory.Remove(lockPath, directory, catalogued, _tally.AddTree);
    }
}
