using EnvTool.Store.Linking;

namespace EnvTool.Store.Catalog;

/// <summary>The catalog's rows for overlays. All SQL for them lives here, parameterized.</summary>
internal sealed class OverlayCatalog(CatalogDatabase database)
{
    internal long? Find(string entrySha256, string tag) => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT o.id FROM overlays o JOIN entries e ON e.id = o.entry_id
            WHERE e.artifact_sha256 = $sha AND o.tag = $tag
            """, ("$sha", entrySha256), ("$tag", tag));
        return command.ExecuteScalar() as long?;
    });

    /// <summary>The paths of an overlay's files, relative to its directory, in ordinal order.</summary>
    internal List<string> Files(long overlayId) => database.Read(c =>
    {
        var paths = CatalogDatabase.Rows(c, "SELECT path FROM overlay_files WHERE overlay_id = $id", r => r.GetString(0), ("$id", overlayId));
        paths.Sort(StringComparer.Ordinal);
        return paths;
    });

    /// <summary>Catalogs an overlay already in place, with its files and their objects, in one transaction.</summary>
    internal long Publish(string entrySha256, string tag, string relativePath, IReadOnlyList<(string Path, ObjectPlacement Placement, long Size)> files)
    {
        var now = StoreCatalog.Now();
        return database.Write(c =>
        {
            long entryId;
            using (var findEntry = CatalogDatabase.Command(c, "SELECT id FROM entries WHERE artifact_sha256 = $sha", ("$sha", entrySha256)))
                entryId = findEntry.ExecuteScalar() as long?
                    ?? throw new InvalidOperationException($"entry {entrySha256} left the catalog while its overlay was built");
            long overlayId;
            using (var insert = CatalogDatabase.Command(c, """
                INSERT INTO overlays (entry_id, tag, path, file_count, bytes, published_at)
                VALUES ($entry, $tag, $path, $count, $bytes, $now) RETURNING id
                """, ("$entry", entryId), ("$tag", tag), ("$path", relativePath), ("$count", files.Count),
                ("$bytes", files.Sum(f => f.Size)), ("$now", now)))
                overlayId = (long)insert.ExecuteScalar()!;
            using var upsertObject = StoreCatalog.ObjectUpsert(c);
            using var insertFile = CatalogDatabase.Command(c,
                "INSERT INTO overlay_files (overlay_id, path, object_id, linked) VALUES ($overlay, $path, $object, $linked)",
                ("$overlay", overlayId), ("$path", ""), ("$object", 0L), ("$linked", 0));
            foreach (var (path, placement, size) in files)
            {
                insertFile.Parameters["$path"].Value = path;
                insertFile.Parameters["$object"].Value = StoreCatalog.UpsertObject(upsertObject, placement, size);
                insertFile.Parameters["$linked"].Value = placement.Linked ? 1 : 0;
                insertFile.ExecuteNonQuery();
            }
            return overlayId;
        });
    }
}
