using EnvTool.Store.Artifacts;
using EnvTool.Store.Entries;
using EnvTool.Store.Info;
using EnvTool.Store.Layers;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Objects;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The catalog's rows for artifacts, objects and entries. All SQL for them lives here, parameterized.
/// </summary>
internal sealed class StoreCatalog
{
    private readonly StoreLayout _layout;

    internal StoreCatalog(StoreLayout layout, CatalogDatabase database)
    {
        _layout = layout;
        Database = database;
    }

    internal CatalogDatabase Database { get; }

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>How stale a last-use time may get before a use is written: gc's order needs no finer grain.</summary>
    internal const long TouchIntervalMs = 60_000;

    // Labels are stored one per line: they are short tokens (wheel tags) and never contain newlines.
    internal static string JoinLabels(IReadOnlyList<string> labels) => string.Join('\n', labels);

    internal static IReadOnlyList<string> SplitLabels(string stored) => stored.Length == 0 ? [] : stored.Split('\n');

    internal EntryRecord? FindEntry(string artifactSha256) => FindEntries([artifactSha256]).GetValueOrDefault(artifactSha256);

    /// <summary>The entries of those artifacts that have one, in one read.</summary>
    internal Dictionary<string, EntryRecord> FindEntries(IReadOnlyCollection<string> artifactSha256s) => Database.Read(c =>
    {
        var found = new Dictionary<string, EntryRecord>(StringComparer.Ordinal);
        using var command = CatalogDatabase.Command(c,
            "SELECT artifact_sha256, path, file_count, bytes FROM entries WHERE artifact_sha256 IN (SELECT value FROM json_each($shas))",
            ("$shas", CatalogDatabase.JsonArray(artifactSha256s)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var sha = reader.GetString(0);
            found[sha] = new EntryRecord(sha, _layout.Absolute(reader.GetString(1)), reader.GetInt32(2), reader.GetInt64(3));
        }
        return found;
    });

    /// <summary>
    /// The files of each of these entries as the catalog lists them ('/'-separated, relative to the
    /// entry, in ordinal order). An entry without file rows (one used in place from a read-only
    /// layer) is left out.
    /// </summary>
    internal Dictionary<string, List<string>> EntryFiles(IReadOnlyCollection<string> artifactSha256s) => Database.Read(c =>
    {
        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // One statement, compiled once and run per entry: a join over the whole set would return
        // the entry's 64-character digest with each of its files.
        using var command = CatalogDatabase.Command(c,
            "SELECT f.path FROM entry_files f WHERE f.entry_id = (SELECT id FROM entries WHERE artifact_sha256 = $sha)", ("$sha", ""));
        foreach (var sha in artifactSha256s)
        {
            command.Parameters["$sha"].Value = sha;
            var paths = new List<string>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) paths.Add(reader.GetString(0));
            if (paths.Count == 0) continue;
            paths.Sort(StringComparer.Ordinal);
            files[sha] = paths;
        }
        return files;
    });

    /// <summary>
    /// Records a read-only layer's entry as one of this store's, in place: the artifact row (kept if
    /// known) and an entry row whose path is the absolute path in the layer. Concurrent adopters of
    /// one entry record it once.
    /// </summary>
    internal EntryRecord AdoptLayerEntry(LayerEntry entry)
    {
        var now = Now();
        Database.Write(c =>
        {
            using (var artifact = CatalogDatabase.Command(c, """
                INSERT INTO artifacts (sha256, file_name, name, version, labels, size, imported_at, last_used_at, retained_object)
                VALUES ($sha, $file, $name, $version, $labels, $size, $now, $now, NULL)
                ON CONFLICT (sha256) DO UPDATE SET last_used_at = $now
                """, ("$sha", entry.ArtifactSha256), ("$file", entry.FileName), ("$name", entry.Name), ("$version", entry.Version),
                ("$labels", entry.Labels), ("$size", entry.Size), ("$now", now)))
                artifact.ExecuteNonQuery();
            using var row = CatalogDatabase.Command(c, """
                INSERT INTO entries (artifact_sha256, path, file_count, bytes, published_at)
                VALUES ($sha, $path, $count, $bytes, $now) ON CONFLICT (artifact_sha256) DO NOTHING
                """, ("$sha", entry.ArtifactSha256), ("$path", entry.Path), ("$count", entry.FileCount), ("$bytes", entry.Bytes), ("$now", now));
            row.ExecuteNonQuery();
        });
        return FindEntry(entry.ArtifactSha256)!;
    }

    /// <summary>Records a use of the artifact (for gc's least-recently-used order); coarse, to keep reads cheap.</summary>
    internal void TouchArtifact(string artifactSha256)
    {
        var now = Now();
        Database.Write(c =>
        {
            using var command = CatalogDatabase.Command(c,
                "UPDATE artifacts SET last_used_at = $now WHERE sha256 = $sha AND last_used_at < $stale",
                ("$now", now), ("$sha", artifactSha256), ("$stale", now - TouchIntervalMs));
            command.ExecuteNonQuery();
        });
    }

    /// <summary>
    /// Catalogs a just-published entry in one transaction: the artifact (kept if already known), its
    /// objects, the entry and every file. Called only after the directory is in place.
    /// </summary>
    internal void PublishEntry(ArtifactDescriptor artifact, ObjectPlacement? retained, IReadOnlyList<PublishedFile> files, long bytes)
    {
        var now = Now();
        Database.Write(c =>
        {
            using var upsertObject = ObjectUpsert(c);
            long? retainedId = retained is { } r ? UpsertObject(upsertObject, r, artifact.Size) : null;

            using (var upsertArtifact = CatalogDatabase.Command(c, """
                INSERT INTO artifacts (sha256, file_name, name, version, labels, size, imported_at, last_used_at, retained_object)
                VALUES ($sha, $file, $name, $version, $labels, $size, $now, $now, $retained)
                ON CONFLICT (sha256) DO UPDATE SET last_used_at = $now, retained_object = coalesce($retained, retained_object)
                """,
                ("$sha", artifact.Sha256), ("$file", artifact.FileName), ("$name", artifact.Name), ("$version", artifact.Version),
                ("$labels", JoinLabels(artifact.Labels)), ("$size", artifact.Size), ("$now", now), ("$retained", retainedId)))
                upsertArtifact.ExecuteNonQuery();

            long entryId;
            using (var insertEntry = CatalogDatabase.Command(c, """
                INSERT INTO entries (artifact_sha256, path, file_count, bytes, published_at)
                VALUES ($sha, $path, $count, $bytes, $now) RETURNING id
                """,
                ("$sha", artifact.Sha256), ("$path", StoreLayout.EntryRelativePath(artifact.Sha256)),
                ("$count", files.Count), ("$bytes", bytes), ("$now", now)))
                entryId = (long)insertEntry.ExecuteScalar()!;

            using var insertFile = CatalogDatabase.Command(c,
                "INSERT INTO entry_files (entry_id, path, object_id, linked) VALUES ($entry, $path, $object, $linked)",
                ("$entry", entryId), ("$path", ""), ("$object", 0L), ("$linked", 0));
            var objectIds = new Dictionary<ObjectRef, long>();
            foreach (var file in files)
            {
                if (!objectIds.TryGetValue(file.Placement.Object, out var objectId))
                    objectIds[file.Placement.Object] = objectId = UpsertObject(upsertObject, file.Placement, file.Size);
                insertFile.Parameters["$path"].Value = file.Path;
                insertFile.Parameters["$object"].Value = objectId;
                insertFile.Parameters["$linked"].Value = file.Placement.Linked ? 1 : 0;
                insertFile.ExecuteNonQuery();
            }
        });
    }

    internal static SqliteCommand ObjectUpsert(SqliteConnection c) => CatalogDatabase.Command(c, """
        INSERT INTO objects (sha256, executable, copy, size, link_count_seen) VALUES ($sha, $exec, $copy, $size, $links)
        ON CONFLICT (sha256, executable, copy) DO UPDATE SET link_count_seen = max(link_count_seen, $links)
        RETURNING id
        """, ("$sha", ""), ("$exec", 0), ("$copy", 0), ("$size", 0L), ("$links", 0L));

    internal static long UpsertObject(SqliteCommand upsert, ObjectPlacement placement, long size)
    {
        upsert.Parameters["$sha"].Value = placement.Object.Sha256;
        upsert.Parameters["$exec"].Value = placement.Object.Executable ? 1 : 0;
        upsert.Parameters["$copy"].Value = placement.Object.Copy;
        upsert.Parameters["$size"].Value = size;
        upsert.Parameters["$links"].Value = (long)placement.LinkCount;
        return (long)upsert.ExecuteScalar()!;
    }

    internal IReadOnlyList<ArtifactRecord> ListArtifacts() => Database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT a.sha256, a.file_name, a.name, a.version, a.labels, a.size, a.imported_at, a.last_used_at,
                   e.id IS NOT NULL, a.retained_object IS NOT NULL
            FROM artifacts a LEFT JOIN entries e ON e.artifact_sha256 = a.sha256
            ORDER BY a.name, a.version, a.file_name
            """);
        using var reader = command.ExecuteReader();
        var list = new List<ArtifactRecord>();
        while (reader.Read())
        {
            list.Add(new ArtifactRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                SplitLabels(reader.GetString(4)),
                reader.GetInt64(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                reader.GetBoolean(8), reader.GetBoolean(9)));
        }
        return list;
    });

    internal StoreInfo Info() => Database.Read(c =>
    {
        long Scalar(string sql)
        {
            using var command = CatalogDatabase.Command(c, sql);
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        // Logical: what the entries would take as plain files. Physical: each inode once (objects,
        // plus entry files that had to be copies). Entry-side physical excludes retained artifacts.
        var logical = Scalar("SELECT coalesce(sum(o.size), 0) FROM entry_files f JOIN objects o ON o.id = f.object_id");
        var copies = Scalar("SELECT coalesce(sum(o.size), 0) FROM entry_files f JOIN objects o ON o.id = f.object_id WHERE f.linked = 0");
        var entryObjects = Scalar("SELECT coalesce(sum(size), 0) FROM objects WHERE id IN (SELECT object_id FROM entry_files WHERE linked = 1)");
        var allObjects = Scalar("SELECT coalesce(sum(size), 0) FROM objects");
        var retained = Scalar("SELECT coalesce(sum(o.size), 0) FROM objects o WHERE o.id IN (SELECT retained_object FROM artifacts)");
        return new StoreInfo(
            _layout.Root,
            Artifacts: Scalar("SELECT count(*) FROM artifacts"),
            Entries: Scalar("SELECT count(*) FROM entries"),
            Objects: Scalar("SELECT count(*) FROM objects"),
            Trees: Scalar("SELECT count(*) FROM trees"),
            LogicalBytes: logical,
            PhysicalBytes: allObjects + copies,
            RetainedArtifactBytes: retained,
            DedupSavedBytes: logical - entryObjects - copies);
    });
}
