using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Layers;

/// <summary>What a read-only layer says about one of its entries.</summary>
internal sealed record LayerEntry(string ArtifactSha256, string FileName, string Name, string Version, string Labels,
                                  long Size, string Path, int FileCount, long Bytes);

/// <summary>
/// A store that is only read (ENVTOOL_STORE_RO): a baked CI image, a read-only mount, another
/// user's store. Its catalog is opened read-only and immutable (SQLite then takes no locks and
/// writes no -wal/-shm files, so a read-only mount works), which is sound because nothing may
/// change a layer while it is in use. Its entries are used in place: trees link their files where
/// they are. Nothing is ever written to it: no locks, no staging sweep, no gc, no repair.
/// </summary>
internal sealed class ReadOnlyLayer
{
    private readonly StoreLayout _layout;
    private readonly string _catalogUri;
    private readonly SqlitePool _pool = new();

    private ReadOnlyLayer(StoreLayout layout)
    {
        _layout = layout;
        _catalogUri = new Uri(layout.CatalogPath).AbsoluteUri + "?immutable=1";
    }

    internal string Root => _layout.Root;

    /// <exception cref="StoreLayerException">
    /// The directory is missing, is not a store, or has a catalog schema outside <paramref name="oldest"/>..<paramref name="latest"/>.
    /// </exception>
    internal static ReadOnlyLayer Open(string root, int oldest, int latest)
    {
        var layout = new StoreLayout(root);
        if (!Directory.Exists(layout.Root))
            throw new StoreLayerException(layout.Root, "does not exist");
        if (!File.Exists(layout.CatalogPath) || !Directory.Exists(layout.EntriesDir))
            throw new StoreLayerException(layout.Root, "is not an envtool store (it has no catalog.db and entries/)");
        var layer = new ReadOnlyLayer(layout);
        int version;
        try
        {
            version = layer.Read(c => CatalogMigrator.UserVersion(c));
        }
        catch (SqliteException e)
        {
            throw new StoreLayerException(layout.Root, $"has a catalog SQLite cannot read ({e.SqliteErrorCode})");
        }
        if (version < oldest || version > latest)
            throw new StoreLayerException(layout.Root,
                $"has catalog schema version {version}, and this envtool reads layers of versions {oldest} to {latest}: a layer cannot be migrated",
                "bake the read-only store with this envtool version (or open it once writable with it)");
        return layer;
    }

    /// <summary>The layer's published entry for this artifact, or null.</summary>
    internal LayerEntry? FindEntry(string artifactSha256) => Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT a.file_name, a.name, a.version, a.labels, a.size, e.path, e.file_count, e.bytes
            FROM entries e JOIN artifacts a ON a.sha256 = e.artifact_sha256
            WHERE e.artifact_sha256 = $sha
            """, ("$sha", artifactSha256));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var path = _layout.Absolute(reader.GetString(5));
        // Only entries that are really there and inside the layer: a layer is trusted, not blindly.
        if (!path.StartsWith(_layout.EntriesDir + "/", StringComparison.Ordinal) || !Directory.Exists(path)) return null;
        return new LayerEntry(artifactSha256, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetInt64(4), path, reader.GetInt32(6), reader.GetInt64(7));
    });

    /// <summary>How many entries the layer holds (for `store info`).</summary>
    internal long EntryCount() => Read(c =>
    {
        using var command = CatalogDatabase.Command(c, "SELECT count(*) FROM entries");
        return (long)command.ExecuteScalar()!;
    });

    private T Read<T>(Func<SqliteConnection, T> body)
    {
        using var connection = _pool.Rent(pool => SqliteConnection.Open(_catalogUri, SqliteOpenMode.ReadOnly, TimeSpan.Zero, pool));
        return body(connection);
    }

    /// <summary>Closes pooled connections.</summary>
    internal void Close() => _pool.Clear();
}
