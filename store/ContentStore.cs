using EnvTool.Store.Artifacts;
using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.Environments;
using EnvTool.Store.Errors;
using EnvTool.Store.Gc;
using EnvTool.Store.Info;
using EnvTool.Store.Layers;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Overlays;
using EnvTool.Store.Roots;
using EnvTool.Store.Staging;
using EnvTool.Store.Trees;
using EnvTool.Store.Verify;

namespace EnvTool.Store;

/// <summary>
/// A content-addressed store on disk: objects (file contents by sha256), entries (one read-only
/// directory per artifact, hard links into objects) and the catalog that says what is valid.
/// Thread-safe; many processes may open the same store at once.
/// </summary>
public sealed class ContentStore : IDisposable
{
    private readonly StoreLayout _layout;
    private readonly StoreCatalog _catalog;
    private readonly EntryImporter _importer;
    private readonly StoreVerifier _verifier;
    private readonly OperationRoot _operation;
    private readonly OwnerLock _owner;

    private readonly IReadOnlyList<ReadOnlyLayer> _layers;

    private ContentStore(StoreLayout layout, StoreCatalog catalog, StoreOptions options, IReadOnlyList<ReadOnlyLayer> layers)
    {
        _layout = layout;
        _catalog = catalog;
        _layers = layers;
        Options = options;
        var links = options.Links ?? PosixLinkSystem.Instance;
        var linker = new ObjectLinker(layout, links);
        _owner = new OwnerLock(layout);
        _operation = new OperationRoot(layout, catalog.Database, _owner);
        _importer = new EntryImporter(layout, catalog, options, linker, _operation);
        Trees = new TreeStore(layout, catalog.Database, linker, links, _operation, layers.Select(l => l.Root).ToList());
        Overlays = new OverlayStore(layout, catalog.Database, linker);
        _verifier = new StoreVerifier(layout, new VerifyCatalog(catalog.Database), _importer);
        Environments = new EnvironmentStore(layout, catalog.Database);
        Ephemeral = new EphemeralRootStore(layout, catalog.Database, _owner);
    }

    public string Root => _layout.Root;

    public StoreLayout Layout => _layout;

    public StoreOptions Options { get; }

    /// <summary>Materialized trees: find, build once per key, list their entries.</summary>
    public TreeStore Trees { get; }

    /// <summary>Files derived from an entry for one consumer (compiled bytecode), published once.</summary>
    public OverlayStore Overlays { get; }

    /// <summary>Registered environments, their generations, and the atomic switch between them.</summary>
    public EnvironmentStore Environments { get; }

    /// <summary>Script and tool environments: symlinks in a temp directory, held by weak roots.</summary>
    public EphemeralRootStore Ephemeral { get; }

    /// <summary>
    /// Opens the store at <paramref name="root"/>: creates the layout if missing, brings the catalog
    /// to the current schema, and removes staging left behind by dead processes.
    /// </summary>
    public static ContentStore Open(string root, StoreOptions? options = null)
    {
        var layout = new StoreLayout(root);
        try
        {
            Directory.CreateDirectory(layout.Root);
            var network = FileSystemKind.IsNetworkStore(layout.Root);
            foreach (var dir in layout.Directories) Directory.CreateDirectory(dir);
            // Created here rather than by SQLite (0644): a store shared by a group needs the catalog
            // writable by the group, and SQLite gives its -wal and -shm files the catalog's mode.
            Posix.CreateShared(layout.CatalogPath);
            var database = new CatalogDatabase(layout.CatalogPath, network);
            database.ChooseJournal();
            CatalogMigrator.Migrate(database, CatalogSchema.Migrations);
            var catalog = new StoreCatalog(layout, database);
            StagingSweeper.Sweep(layout, artifact =>
                EntryDebris.RemoveIfUncatalogued(layout, artifact, sha => catalog.FindEntry(sha) is not null));
            options ??= new StoreOptions();
            var layers = new List<ReadOnlyLayer>();
            foreach (var layerRoot in options.ReadOnlyLayers)
            {
                if (Path.GetFullPath(layerRoot) == layout.Root)
                    throw new StoreLayerException(layout.Root, "is the writable store itself", "name other stores in ENVTOOL_STORE_RO");
                layers.Add(ReadOnlyLayer.Open(layerRoot, CatalogSchema.LayerReadableSince, CatalogSchema.LatestVersion));
            }
            return new ContentStore(layout, catalog, options, layers);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, layout.Root);
        }
    }

    /// <summary>$ENVTOOL_STORE, else $XDG_DATA_HOME/envtool, else ~/.local/share/envtool.</summary>
    public static string DefaultRoot() => StoreLayout.DefaultRoot();

    /// <summary>
    /// The published, catalogued entry for this artifact sha256 (lowercase hex), or null. Never unpacks.
    /// A found entry stays rooted until this handle is disposed (see <see cref="Gc.OperationRoot"/>).
    /// </summary>
    public EntryRecord? FindEntry(string artifactSha256) => FindEntries([artifactSha256]).GetValueOrDefault(artifactSha256);

    /// <summary>
    /// The artifact file itself, as the store retained it (see <see cref="StoreOptions.RetainArtifacts"/>),
    /// or null when it was not kept or is gone. Its entry is held (as by <see cref="FindEntry"/>) so gc
    /// keeps the file while this handle is open.
    /// </summary>
    public string? RetainedArtifactPath(string artifactSha256)
    {
        if (FindEntry(artifactSha256) is null) return null;
        if (new VerifyCatalog(_catalog.Database).ArtifactAndRetained(artifactSha256) is not { Retained: { } retained }) return null;
        var path = _layout.ObjectPath(retained);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// <see cref="FindEntry"/> for many artifacts at once (one root registration, one catalog read):
    /// the published entries of those that have one, by artifact sha256.
    /// </summary>
    public IReadOnlyDictionary<string, EntryRecord> FindEntries(IReadOnlyCollection<string> artifactSha256s)
    {
        foreach (var sha in artifactSha256s) Objects.Sha256Hex.Require(sha, nameof(artifactSha256s));
        var held = _operation.HoldEntries(artifactSha256s);
        var found = _catalog.FindEntries(artifactSha256s);
        foreach (var sha in artifactSha256s.Where(sha => !found.ContainsKey(sha)))
            if (FromLayers(sha) is { } layered) found[sha] = layered;
        foreach (var sha in held.Where(sha => !found.ContainsKey(sha))) _operation.ReleaseEntry(sha);
        return found;
    }

    /// <summary>
    /// The entries of those artifacts this store's catalog lists, with no root registered and no
    /// read-only layer consulted: a look, not a claim. gc may remove any of them until something holds
    /// it: a published tree that links it, or <see cref="FindEntries"/> before its files are read.
    /// </summary>
    public IReadOnlyDictionary<string, EntryRecord> ListedEntries(IReadOnlyCollection<string> artifactSha256s)
    {
        foreach (var sha in artifactSha256s) Objects.Sha256Hex.Require(sha, nameof(artifactSha256s));
        return _catalog.FindEntries(artifactSha256s);
    }

    /// <summary>
    /// The files of each of these entries, '/'-separated and relative to the entry, in ordinal
    /// order, as the catalog recorded them at import (entries never change). Entries used in place
    /// from a read-only layer are left out: read their directories. Hold the entries first.
    /// </summary>
    public IReadOnlyDictionary<string, List<string>> EntryFiles(IReadOnlyCollection<string> artifactSha256s) =>
        _catalog.EntryFiles(artifactSha256s);

    /// <summary>
    /// The entry of the first read-only layer that has the artifact, recorded in this catalog as an
    /// entry in place (its absolute path in the layer), so trees built here link the layer's files and
    /// gc here knows they are referenced (and never deletes them: they are not this store's).
    /// </summary>
    private EntryRecord? FromLayers(string artifactSha256)
    {
        foreach (var layer in _layers)
            if (layer.FindEntry(artifactSha256) is { } entry)
                return _catalog.AdoptLayerEntry(entry);
        return null;
    }

    /// <summary>
    /// Unpacks the artifact once. If it is already published, returns it without reading the source.
    /// Concurrent callers for the same artifact, in any process, publish exactly one entry.
    /// </summary>
    /// <exception cref="ContentMismatchException">A file's size or sha256 differs from what the source declared.</exception>
    /// <exception cref="StoreLimitException">The artifact has too many files or bytes.</exception>
    /// <exception cref="InvalidArtifactException">A path would escape the entry or is listed twice.</exception>
    /// <exception cref="StoreDiskFullException">The store's file system is full.</exception>
    public EntryRecord Import(ArtifactDescriptor artifact, IArtifactSource source, CancellationToken ct = default)
        => _importer.Import(artifact, source, ct);

    /// <summary>
    /// Checks objects (re-hashing those changed since their last check, or all with Full), entries
    /// against the catalog, and debris; with Repair, fixes what it can. Problems are returned, never printed.
    /// </summary>
    public VerifyReport Verify(VerifyOptions options, IProgress<VerifyProgress>? progress = null)
    {
        try
        {
            return _verifier.Verify(options, progress);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, _layout.Root);
        }
    }

    /// <summary>A scratch directory in tmp/ for files that will be imported (same file system as the store).</summary>
    public ScratchDirectory CreateScratch() => new(StagingDirectory.Create(_layout));

    public StoreInfo Info() => _catalog.Info() with { ReadOnlyLayers = _layers.Select(l => new LayerInfo(l.Root, l.EntryCount())).ToList() };

    public IReadOnlyList<ArtifactRecord> ListArtifacts() => _catalog.ListArtifacts();

    /// <summary>
    /// Collects garbage: drops environments whose path is gone, prunes generations as asked, and
    /// removes every tree, overlay, entry and object no root reaches, plus debris, stale staging and
    /// expired cache files. With <see cref="GcOptions.DryRun"/> it only reports what it would remove.
    /// </summary>
    public GcReport CollectGarbage(GcOptions options, CancellationToken ct = default)
    {
        try
        {
            return new GarbageCollector(_layout, _catalog.Database, options).Run(ct);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, _layout.Root);
        }
    }

    /// <summary>Logical and physical bytes per environment and per package.</summary>
    public DiskUsageReport DiskUsage() => Gc.DiskUsage.Measure(_layout, _catalog.Database);

    /// <summary>
    /// Gets this handle ready for the process to be replaced by another program (execve): releases
    /// its operation roots (the program may run for days, and gc waits for operations in flight),
    /// hands its owner lock to the program (an ephemeral environment it registered stays in use while
    /// the program runs), and leaves the catalog's connections to exec, which closes them. Closing
    /// the last connection would checkpoint the WAL, with fsyncs that cost milliseconds on
    /// `envtool run`'s warm path for one row; the next opener replays the WAL instead, so it is
    /// checkpointed here only once it has grown past <see cref="CatalogDatabase.WalReplayLimitBytes"/>,
    /// keeping that replay short.
    /// Use no other member afterwards.
    /// </summary>
    public void PrepareForExec()
    {
        _operation.Dispose();
        _owner.KeepAcrossExec();
        _catalog.Database.CheckpointIfLarge();
    }

    /// <summary>Releases this handle's operation roots (what it found, imported or built) and the catalog.</summary>
    public void Dispose()
    {
        try
        {
            _operation.Dispose();
            _owner.Dispose();
        }
        finally
        {
            _catalog.Database.Close();
            foreach (var layer in _layers) layer.Close();
        }
    }
}
