using EnvTool.Store.Catalog;
using EnvTool.Store.Errors;
using EnvTool.Store.Gc;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Staging;

namespace EnvTool.Store.Trees;

/// <summary>
/// Trees in the store: read-only directories keyed by their content, built at most once per key no
/// matter how many processes ask. Publishing: fill a staging directory in tmp/, seal it, make it
/// durable, rename it to trees/&lt;key&gt;, then commit the catalog rows, all under an flock per key.
/// A directory without a row is garbage; a row always names a complete, sealed tree.
/// What goes into a tree is the caller's business (the store knows nothing about Python).
/// </summary>
public sealed class TreeStore
{
    private readonly StoreLayout _layout;
    private readonly TreeCatalog _catalog;
    private readonly ObjectLinker _objects;
    private readonly ILinkSystem _links;
    private readonly OperationRoot _operation;

    private readonly IReadOnlyList<string> _readOnlyLayers;

    internal TreeStore(StoreLayout layout, CatalogDatabase database, ObjectLinker objects, ILinkSystem links, OperationRoot operation,
                       IReadOnlyList<string> readOnlyLayers)
    {
        _layout = layout;
        _readOnlyLayers = readOnlyLayers;
        _catalog = new TreeCatalog(layout, database);
        _objects = objects;
        _links = links;
        _operation = operation;
    }

    /// <summary>Auto becomes Clone when the store's file system can clone files (probed once), else Hardlink.</summary>
    public LinkMode Resolve(LinkMode mode) =>
        mode != LinkMode.Auto ? mode : CloneSupport.Supported(_layout) ? LinkMode.Clone : LinkMode.Hardlink;

    public string PathOf(string key) => Path.Combine(_layout.TreesDir, key);

    /// <summary>The published tree with this key, or null. Never builds. A found tree stays rooted until the store handle is disposed.</summary>
    public PublishedTree? Find(string key)
    {
        RequireKey(key);
        // Rooted before the lookup, so gc cannot take the tree between our finding it and a generation naming it.
        var held = _operation.HoldTree(key);
        var found = Listed(key);
        if (found is null && held) _operation.ReleaseTree(key);
        return found;
    }

    /// <summary>The published tree with this key (its last use recorded), or null; no root is registered.</summary>
    private PublishedTree? Listed(string key)
    {
        if (_catalog.Find(key) is not { } listed) return null;
        var path = PathOf(key);
        if (Posix.TryStat(path) is not { IsDirectory: true })
            throw new StoreCorruptException(path, "is listed in the catalog but missing");
        _catalog.Touch(key, listed.LastUsedAt);
        return new PublishedTree(key, path, listed.Mode, Reused: true, Warnings: []);
    }

    /// <summary>
    /// Returns the tree published under <paramref name="key"/>, building it first when needed:
    /// <paramref name="fill"/> puts the files into a staging tree and says which entries and
    /// overlays it used. If it throws (or <paramref name="ct"/> is cancelled), nothing is published.
    /// </summary>
    /// <param name="spec">The canonical text <paramref name="key"/> digests, kept so the tree can be rebuilt.</param>
    /// <param name="mode">A concrete mode (see <see cref="Resolve"/>).</param>
    /// <param name="holdFound">
    /// Root a tree that is already published, as one that is built always is (the default). A caller
    /// whose next step is a generation naming the tree may pass false: the generation's transaction
    /// checks that the tree is still listed (gc deletes the row before the directory), so a tree
    /// taken by gc in between shows as <see cref="TreeGoneException"/>, and the caller asks again
    /// with a root. A reused tree then costs no catalog writes: registering and dropping the root
    /// were two of an empty create's four write transactions and half of what it added to the WAL.
    /// </param>
    public PublishedTree GetOrBuild(string key, string spec, LinkMode mode, Func<TreeStaging, TreeContents> fill, CancellationToken ct = default,
                                    bool holdFound = true)
    {
        RequireKey(key);
        if (mode == LinkMode.Auto) throw new ArgumentException("resolve Auto first", nameof(mode));
        if (!holdFound && Listed(key) is { } listed) return listed;
        // Held from before the lookup until the handle is disposed, so the tree we find or build stays
        // rooted until the caller's generation names it; given up if the build fails.
        var held = _operation.HoldTree(key);
        try
        {
            return FindOrBuild(key, spec, mode, fill, ct);
        }
        catch
        {
            if (held) _operation.ReleaseTree(key);
            throw;
        }
    }

    private PublishedTree FindOrBuild(string key, string spec, LinkMode mode, Func<TreeStaging, TreeContents> fill, CancellationToken ct)
    {
        if (Listed(key) is { } known) return known;
        try
        {
            var keyLock = FileLock.Acquire(_layout.TreeLockPath(key), ct);
            try
            {
                // Another process may have published it while we waited.
                if (Listed(key) is { } published) return published;
                return Build(key, spec, mode, fill, ct);
            }
            finally
            {
                keyLock.DisposeAndDelete();
            }
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, _layout.Root);
        }
    }

    /// <summary>The entries a published tree was built from; null when the catalog has no such tree.</summary>
    public IReadOnlyList<TreeEntryInfo>? Entries(string key) => _catalog.Entries(key);

    private PublishedTree Build(string key, string spec, LinkMode mode, Func<TreeStaging, TreeContents> fill, CancellationToken ct)
    {
        using var staging = StagingDirectory.Create(_layout);
        var root = Path.Combine(staging.Path, "tree");
        Directory.CreateDirectory(root);
        var tree = new TreeStaging(_layout, staging, root, _objects, _links, mode, _readOnlyLayers);
        var target = PathOf(key);
        var renamed = false;
        try
        {
            var contents = fill(tree);
            ct.ThrowIfCancellationRequested();

            var immutable = TreeSealing.SealBelowRoot(root, tree.Directories);
            Posix.SyncFileSystem(staging.Path); // the files and the sealed directories, before the rename publishes them

            // We hold the key's lock and the catalog has no row: anything already there is debris of a crash.
            Trash.Discard(target);
            var errno = Posix.TryRenameNoReplace(root, target);
            if (errno != 0) throw Posix.Error("rename", $"{root} -> {target}", errno);
            renamed = true;
            // The root is sealed only now: an immutable directory cannot be renamed.
            TreeSealing.SealDirectory(target, immutable);
            Posix.FsyncDirectory(_layout.TreesDir);

            _catalog.Publish(key, spec, mode, contents, tree.GeneratedObjects);
            return new PublishedTree(key, target, mode, Reused: false, tree.Warnings);
        }
        catch
        {
            staging.UndoPublish(renamed ? target : null, tree.CreatedObjects);
            throw;
        }
    }

    private static void RequireKey(string key)
    {
        if (key.Length == 0 || key.Length > 128 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"a tree key is lowercase letters, digits and '-', got \"{key}\"", nameof(key));
    }
}
