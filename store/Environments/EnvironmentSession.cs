using EnvTool.Store.Catalog;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;

namespace EnvTool.Store.Environments;

/// <summary>
/// Exclusive use of one environment for one change, from reading its current generation to
/// switching to the next. Holding it across the tree build as well is deliberate: the build is a
/// link farm over already-imported entries (the slow work, fetching and unpacking, happens before the
/// lock), and it makes a second concurrent install wait and build on the first's result instead of
/// failing. The catalog's compare-and-swap still guards against any writer that bypassed the lock.
/// </summary>
public sealed class EnvironmentSession : IDisposable
{
    private readonly StoreLayout _layout;
    private readonly EnvironmentCatalog _catalog;
    private readonly FileLock _lock;

    internal EnvironmentSession(StoreLayout layout, EnvironmentCatalog catalog, FileLock fileLock, EnvironmentState state)
    {
        _layout = layout;
        _catalog = catalog;
        _lock = fileLock;
        State = state;
    }

    public EnvironmentState State { get; private set; }

    public string Path => State.Path;

    /// <summary>
    /// Makes a new generation naming the published tree <paramref name="treeKey"/> and switches the
    /// environment to it. Crash-safe order: the caller has published the tree; the generation row is
    /// added (not current); the symlink is renamed over the path; the row is marked current. A crash
    /// between the last two is repaired by the next command (the symlink is the truth). A new
    /// environment's first generation is current from the start, which saves a transaction: until
    /// its symlink exists, nothing is at the path whatever the catalog says.
    /// </summary>
    /// <param name="restores">For a rollback, the generation whose tree this one brings back.</param>
    public GenerationRecord Commit(string treeKey, string command, string settings, IReadOnlyList<GenerationChange> changes, int? restores = null)
    {
        if (!EnvironmentLink.IsTreeKey(treeKey)) throw new ArgumentException($"'{treeKey}' is not a tree key", nameof(treeKey));
        if (!Directory.Exists(_layout.TreeDir(treeKey)))
            throw _catalog.ListsTree(treeKey)
                ? new Errors.StoreCorruptException(_layout.TreeDir(treeKey), "is missing although the catalog lists it")
                : new Errors.TreeGoneException(treeKey);
        var expected = State.Current?.Number;
        var number = _catalog.AddGeneration(Path, expected, treeKey, command, settings, restores, changes);
        EnvironmentLink.Switch(_layout, Path, treeKey, mustBeNew: expected is null);
        if (expected is not null) _catalog.SetCurrent(Path, expected, number);
        State = EnvironmentReader.ToState(Path, _catalog.Read(Path), number);
        return State.Current!;
    }

    public void Dispose() => _lock.Dispose();
}
