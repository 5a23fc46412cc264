using EnvTool.Store.Entries;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Trees;

namespace EnvTool.Store.Catalog;

/// <summary>The catalog's rows for trees. All SQL for them lives here, parameterized.</summary>
internal sealed class TreeCatalog
{
    private readonly StoreLayout _layout;
    private readonly CatalogDatabase _database;

    internal TreeCatalog(StoreLayout layout, CatalogDatabase database)
    {
        _layout = layout;
        _database = database;
    }

    internal static string RelativePath(string key) => "trees/" + key;

    /// <summary>The tree's link mode and last use (unix ms) when the catalog lists it, else null.</summary>
    internal (LinkMode Mode, long LastUsedAt)? Find(string key) => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, "SELECT link_mode, last_used_at FROM trees WHERE key = $key", ("$key", key));
        using var row = command.ExecuteReader();
        return row.Read() ? (LinkModes.Parse(row.GetString(0)) ?? LinkMode.Hardlink, row.GetInt64(1)) : ((LinkMode, long)?)null;
    });

    /// <summary>
    /// Records a use (for gc's least-recently-used order); coarse, to keep reuse cheap. A use within
    /// <see cref="StoreCatalog.TouchIntervalMs"/> of the last one, as <see cref="Find"/> read it, writes
    /// nothing: last_used_at only grows, so the update would change no row, and its write transaction
    /// alone cost a warm create about 0.3 ms.
    /// </summary>
    internal void Touch(string key, long lastUsedAt)
    {
        var now = StoreCatalog.Now();
        if (lastUsedAt >= now - StoreCatalog.TouchIntervalMs) return;
        _database.Write(c =>
        {
            using var command = CatalogDatabase.Command(c,
                "UPDATE trees SET last_used_at = $now WHERE key = $key AND last_used_at < $stale",
                ("$now", now), ("$key", key), ("$stale", now - StoreCatalog.TouchIntervalMs));
            command.ExecuteNonQuery();
        });
    }

    /// <summary>Catalogs a tree that is already in place, with its entries, generated objects and overlays, in one transaction.</summary>
    internal void Publish(string key, string spec, LinkMode mode, TreeContents contents, IReadOnlyList<(ObjectPlacement Placement, long Size)> objects)
    {
        var now = StoreCatalog.Now();
        _database.Write(c =>
        {
            long treeId;
            using (var insert = CatalogDatabase.Command(c, """
                INSERT INTO trees (key, path, created_at, last_used_at, spec, link_mode)
                VALUES ($key, $path, $now, $now, $spec, $mode) RETURNING id
                """, ("$key", key), ("$path", RelativePath(key)), ("$now", now), ("$spec", spec), ("$mode", mode.Name())))
                treeId = (long)insert.ExecuteScalar()!;

            using var findEntry = CatalogDatabase.Command(c, "SELECT id FROM entries WHERE artifact_sha256 = $sha", ("$sha", ""));
            using var insertEntry = CatalogDatabase.Command(c,
                "INSERT INTO tree_entries (tree_id, entry_id, requested, direct_url) VALUES ($tree, $entry, $requested, $url)",
                ("$tree", treeId), ("$entry", 0L), ("$requested", 0), ("$url", null));
            foreach (var entry in contents.Entries)
            {
                findEntry.Parameters["$sha"].Value = entry.ArtifactSha256;
                var entryId = findEntry.ExecuteScalar() as long?
                    ?? throw new InvalidOperationException($"entry {entry.ArtifactSha256} left the catalog while a tree using it was built");
                insertEntry.Parameters["$entry"].Value = entryId;
                insertEntry.Parameters["$requested"].Value = entry.Requested ? 1 : 0;
                insertEntry.Parameters["$url"].Value = (object?)entry.DirectUrl ?? DBNull.Value;
                insertEntry.ExecuteNonQuery();
            }

            using var upsertObject = StoreCatalog.ObjectUpsert(c);
            using var insertObject = CatalogDatabase.Command(c,
                "INSERT OR IGNORE INTO tree_objects (tree_id, object_id) VALUES ($tree, $object)", ("$tree", treeId), ("$object", 0L));
            foreach (var (placement, size) in objects)
            {
                insertObject.Parameters["$object"].Value = StoreCatalog.UpsertObject(upsertObject, placement, size);
                insertObject.ExecuteNonQuery();
            }

            using var insertOverlay = CatalogDatabase.Command(c,
                "INSERT OR IGNORE INTO tree_overlays (tree_id, overlay_id) VALUES ($tree, $overlay)", ("$tree", treeId), ("$overlay", 0L));
            foreach (var overlay in contents.OverlayIds)
            {
                insertOverlay.Parameters["$overlay"].Value = overlay;
                insertOverlay.ExecuteNonQuery();
            }
        });
    }

    /// <summary>The entries of a catalogued tree, by artifact name; null when the catalog has no such tree.</summary>
    internal IReadOnlyList<TreeEntryInfo>? Entries(string key) => _database.Read(c =>
    {
        using (var exists = CatalogDatabase.Command(c, "SELECT 1 FROM trees WHERE key = $key", ("$key", key)))
            if (exists.ExecuteScalar() is null) return null;
        using var command = CatalogDatabase.Command(c, """
            SELECT e.artifact_sha256, e.path, e.file_count, e.bytes, a.name, a.version, te.requested, te.direct_url
            FROM trees tr
            JOIN tree_entries te ON te.tree_id = tr.id
            JOIN entries e ON e.id = te.entry_id
            JOIN artifacts a ON a.sha256 = e.artifact_sha256
            WHERE tr.key = $key
            ORDER BY a.name, a.version, e.artifact_sha256
            """, ("$key", key));
        using var reader = command.ExecuteReader();
        var list = new List<TreeEntryInfo>();
        while (reader.Read())
        {
            var entry = new EntryRecord(reader.GetString(0), _layout.Absolute(reader.GetString(1)), reader.GetInt32(2), reader.GetInt64(3));
            list.Add(new TreeEntryInfo(entry, reader.GetString(4), reader.GetString(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return (IReadOnlyList<TreeEntryInfo>)list;
    });
}
