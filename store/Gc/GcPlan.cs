using EnvTool.Store.Catalog;
using static EnvTool.Store.Catalog.GcCatalog;

namespace EnvTool.Store.Gc;

/// <summary>
/// Mark: from one snapshot of the catalog, what no root reaches. Roots are the remaining
/// generations, live ephemeral and operation roots, and anything made or used after the grace
/// cutoff. A tree is kept by its roots; an entry by a kept tree, a live root or its grace; an
/// overlay by a kept tree using it, a live root holding its entry, or its grace; an object by any
/// kept row referring to it. Pure: the executor re-checks each decision in the catalog.
/// </summary>
internal sealed class GcPlan
{
    private readonly Snapshot _snapshot;
    private readonly Dictionary<long, int> _objectRefs = [];
    private readonly Dictionary<long, ObjectItem> _objects;
    private readonly Dictionary<long, List<long>> _entryObjects;
    private readonly Dictionary<long, List<long>> _overlayObjects;
    private readonly Dictionary<string, ArtifactItem> _artifacts;
    private readonly HashSet<long> _keptEntries = [];
    private readonly HashSet<long> _referencedEntries = [];
    private readonly HashSet<long> _keptOverlays = [];
    private readonly HashSet<string> _heldEntries;

    internal GcPlan(Snapshot snapshot, IReadOnlySet<long> removedGenerations, long cutoff, long now)
    {
        _snapshot = snapshot;
        _objects = snapshot.Objects.ToDictionary(o => o.Id);
        _entryObjects = Group(snapshot.EntryFiles);
        _overlayObjects = Group(snapshot.OverlayFiles);
        _artifacts = snapshot.Artifacts.ToDictionary(a => a.Sha256, StringComparer.Ordinal);

        var live = snapshot.Roots.Where(r => r.IsLive(now)).ToList();
        var heldTrees = live.Select(r => RootReference.TreeKey(r.Reference)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _heldEntries = live.Select(r => RootReference.EntrySha256(r.Reference)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var generationTrees = snapshot.Generations.Where(g => !removedGenerations.Contains(g.Id)).Select(g => g.TreeId).ToHashSet();

        var keptTrees = new HashSet<long>();
        foreach (var tree in snapshot.Trees)
        {
            if (generationTrees.Contains(tree.Id) || heldTrees.Contains(tree.Key) || tree.CreatedAt >= cutoff || tree.LastUsedAt >= cutoff)
                keptTrees.Add(tree.Id);
            else
                Trees.Add(tree);
        }

        foreach (var (tree, entry) in snapshot.TreeEntries)
            if (keptTrees.Contains(tree)) _referencedEntries.Add(entry);
        var overlaysInKeptTrees = snapshot.TreeOverlays.Where(x => keptTrees.Contains(x.Tree)).Select(x => x.Overlay).ToHashSet();
        foreach (var overlay in snapshot.Overlays)
            if (overlaysInKeptTrees.Contains(overlay.Id)) _referencedEntries.Add(overlay.EntryId);

        foreach (var entry in snapshot.Entries)
        {
            if (_referencedEntries.Contains(entry.Id) || _heldEntries.Contains(entry.Sha256) || entry.PublishedAt >= cutoff || entry.LastUsedAt >= cutoff)
                _keptEntries.Add(entry.Id);
            else
                Entries.Add(entry);
        }
        var entryShas = snapshot.Entries.ToDictionary(e => e.Id, e => e.Sha256);

        foreach (var overlay in snapshot.Overlays)
        {
            var kept = _keptEntries.Contains(overlay.EntryId)
                && (overlaysInKeptTrees.Contains(overlay.Id) || _heldEntries.Contains(entryShas[overlay.EntryId]) || overlay.PublishedAt >= cutoff);
            if (kept) _keptOverlays.Add(overlay.Id);
            else Overlays.Add((overlay, entryShas[overlay.EntryId]));
        }

        foreach (var artifact in snapshot.Artifacts)
            if (!artifact.HasEntry && !_heldEntries.Contains(artifact.Sha256) && artifact.LastUsedAt < cutoff)
                Artifacts.Add(artifact.Sha256);
        var doomedArtifacts = Artifacts.Concat(Entries.Select(e => e.Sha256)).ToHashSet(StringComparer.Ordinal);

        foreach (var (tree, obj) in snapshot.TreeObjects)
            if (keptTrees.Contains(tree)) Reference(obj);
        foreach (var (entry, obj) in snapshot.EntryFiles)
            if (_keptEntries.Contains(entry)) Reference(obj);
        foreach (var (overlay, obj) in snapshot.OverlayFiles)
            if (_keptOverlays.Contains(overlay)) Reference(obj);
        foreach (var artifact in snapshot.Artifacts)
            if (artifact.RetainedObject is { } obj && !doomedArtifacts.Contains(artifact.Sha256)) Reference(obj);
        Objects.AddRange(snapshot.Objects.Where(o => !_objectRefs.ContainsKey(o.Id)));
    }

    internal List<TreeItem> Trees { get; } = [];
    internal List<(OverlayItem Overlay, string EntrySha256)> Overlays { get; } = [];
    internal List<EntryItem> Entries { get; } = [];
    /// <summary>Artifacts that have no entry (their entries' artifacts go with <see cref="Entries"/>).</summary>
    internal List<string> Artifacts { get; } = [];
    internal List<ObjectItem> Objects { get; } = [];

    /// <summary>
    /// Entries --max-size may evict, least recently used first: kept only by the grace window (no
    /// kept tree refers to them and no live root holds them).
    /// </summary>
    internal IEnumerable<EntryItem> EvictionCandidates() =>
        _snapshot.Entries
            .Where(e => _keptEntries.Contains(e.Id) && !_referencedEntries.Contains(e.Id) && !_heldEntries.Contains(e.Sha256))
            .OrderBy(e => e.LastUsedAt).ThenBy(e => e.PublishedAt).ThenBy(e => e.Id);

    /// <summary>Marks the entry, its overlays and its artifact as gone; returns the overlays and the objects nothing refers to any more.</summary>
    internal (List<OverlayItem> Overlays, List<ObjectItem> Objects) Evict(EntryItem entry)
    {
        _keptEntries.Remove(entry.Id);
        var freed = new List<ObjectItem>();
        var overlays = _snapshot.Overlays.Where(o => o.EntryId == entry.Id && _keptOverlays.Remove(o.Id)).ToList();
        foreach (var obj in _entryObjects.GetValueOrDefault(entry.Id) ?? []) Release(obj, freed);
        foreach (var overlay in overlays)
            foreach (var obj in _overlayObjects.GetValueOrDefault(overlay.Id) ?? []) Release(obj, freed);
        if (_artifacts.GetValueOrDefault(entry.Sha256)?.RetainedObject is { } retained) Release(retained, freed);
        return (overlays, freed);
    }

    private void Reference(long obj) => _objectRefs[obj] = _objectRefs.GetValueOrDefault(obj) + 1;

    private void Release(long obj, List<ObjectItem> freed)
    {
        if (!_objectRefs.TryGetValue(obj, out var count)) return;
        if (count > 1)
        {
            _objectRefs[obj] = count - 1;
            return;
        }
        _objectRefs.Remove(obj);
        if (_objects.TryGetValue(obj, out var row)) freed.Add(row);
    }

    private static Dictionary<long, List<long>> Group(IEnumerable<(long Owner, long Object)> pairs)
    {
        var groups = new Dictionary<long, List<long>>();
        foreach (var (owner, obj) in pairs)
        {
            if (!groups.TryGetValue(owner, out var list)) groups[owner] = list = [];
            list.Add(obj);
        }
        return groups;
    }
}
