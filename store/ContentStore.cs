using EnvTool.Store.Artifacts;
using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;
using EnvTool.Store.Info;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Staging;

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

    private ContentStore(StoreLayout layout, StoreCatalog catalog, StoreOptions options)
    {
        _layout = layout;
        _catalog = catalog;
        Options = options;
        var linker = new ObjectLinker(layout, options.Links ?? PosixLinkSystem.Instance);
        _importer = new EntryImporter(layout, catalog, options, linker);
    }

    public string Root => _layout.Root;

    public StoreLayout Layout => _layout;

    public StoreOptions Options { get; }

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
            foreach (var dir in layout.Directories) Directory.CreateDirectory(dir);
            var database = new CatalogDatabase(layout.CatalogPath);
            database.EnableWal();
            CatalogMigrator.Migrate(database, CatalogSchema.Migrations);
            StagingSweeper.Sweep(layout);
            return new ContentStore(layout, new StoreCatalog(layout, database), options ?? new StoreOptions());
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, layout.Root);
        }
    }

    /// <summary>$ENVTOOL_STORE, else $XDG_DATA_HOME/envtool, else ~/.local/share/envtool.</summary>
    public static string DefaultRoot() => StoreLayout.DefaultRoot();

    /// <summary>The published, catalogued entry for this artifact sha256 (lowercase hex), or null. Never unpacks.</summary>
    public EntryRecord? FindEntry(string artifactSha256) => _catalog.FindEntry(artifactSha256);

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

    public StoreInfo Info() => _catalog.Info();

    public IReadOnlyList<ArtifactRecord> ListArtifacts() => _catalog.ListArtifacts();

    public void Dispose() => _catalog.Database.Close();
}
