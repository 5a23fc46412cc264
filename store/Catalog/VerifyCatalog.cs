using EnvTool.Store.Artifacts;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Catalog;

/// <summary>The catalog queries and fixes verify and repair need. All SQL for them lives here.</summary>
internal sealed class VerifyCatalog
{
    private readonly CatalogDatabase _database;

    internal VerifyCatalog(CatalogDatabase database)
    {
        _database = database;
    }

    internal List<ObjectRow> Objects() => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT id, sha256, executable, copy, size, verified_at, verified_inode, verified_size, verified_mtime_ns, verified_ctime_ns
            FROM objects ORDER BY sha256, executable, copy
            """);
        using var reader = command.ExecuteReader();
        var rows = new List<ObjectRow>();
        while (reader.Read())
        {
            VerifiedState? verified = reader.IsDBNull(5) ? null
                : new VerifiedState((ulong)reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
            rows.Add(new ObjectRow(reader.GetInt64(0), new ObjectRef(reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt32(3)), reader.GetInt64(4), verified));
        }
        return rows;
    });

    internal List<EntryRow> Entries() => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, "SELECT id, artifact_sha256, path FROM entries WHERE path NOT LIKE '/%' ORDER BY id");
        using var reader = command.ExecuteReader();
        var rows = new List<EntryRow>();
        while (reader.Read()) rows.Add(new EntryRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    });

    internal Dictionary<long, List<EntryFileRow>> EntryFiles() => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, "SELECT entry_id, path, object_id, linked FROM entry_files");
        using var reader = command.ExecuteReader();
        var files = new Dictionary<long, List<EntryFileRow>>();
        while (reader.Read())
        {
            var row = new EntryFileRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0);
            if (!files.TryGetValue(row.EntryId, out var list)) files[row.EntryId] = list = [];
            list.Add(row);
        }
        return files;
    });

    internal bool EntryExists(string artifactSha256) => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, "SELECT 1 FROM entries WHERE artifact_sha256 = $sha", ("$sha", artifactSha256));
        return command.ExecuteScalar() is not null;
    });

    internal bool ObjectExists(ObjectRef obj) => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c,
            "SELECT 1 FROM objects WHERE sha256 = $sha AND executable = $exec AND copy = $copy",
            ("$sha", obj.Sha256), ("$exec", obj.Executable ? 1 : 0), ("$copy", obj.Copy));
        return command.ExecuteScalar() is not null;
    });

    internal void MarkVerified(IReadOnlyCollection<(long Id, VerifiedState State)> verified)
    {
        if (verified.Count == 0) return;
        var now = StoreCatalog.Now();
        _database.Write(c =>
        {
            using var update = CatalogDatabase.Command(c, """
                UPDATE objects SET verified_at = $now, verified_inode = $inode, verified_size = $size,
                                   verified_mtime_ns = $mtime, verified_ctime_ns = $ctime
                WHERE id = $id
                """, ("$now", now), ("$inode", 0L), ("$size", 0L), ("$mtime", 0L), ("$ctime", 0L), ("$id", 0L));
            foreach (var (id, state) in verified)
            {
                update.Parameters["$inode"].Value = (long)state.Inode;
                update.Parameters["$size"].Value = state.Size;
                update.Parameters["$mtime"].Value = state.MtimeNs;
                update.Parameters["$ctime"].Value = state.CtimeNs;
                update.Parameters["$id"].Value = id;
                update.ExecuteNonQuery();
            }
        });
    }

    /// <summary>Forgets an object's last verification (it was restored or re-linked and must be hashed next time).</summary>
    internal void ForgetVerified(long objectId) => _database.Write(c =>
    {
        using var command = CatalogDatabase.Command(c, "UPDATE objects SET verified_at = NULL WHERE id = $id", ("$id", objectId));
        command.ExecuteNonQuery();
    });

    /// <summary>Deletes an entry's rows (the directory goes after: a row never outlives its directory).</summary>
    internal void DeleteEntry(long entryId) => _database.Write(c =>
    {
        using (var files = CatalogDatabase.Command(c, "DELETE FROM entry_files WHERE entry_id = $id", ("$id", entryId)))
            files.ExecuteNonQuery();
        using var entry = CatalogDatabase.Command(c, "DELETE FROM entries WHERE id = $id", ("$id", entryId));
        entry.ExecuteNonQuery();
    });

    /// <summary>Deletes an object's row once nothing refers to it; artifacts that retained it stop claiming to.</summary>
    internal void DeleteObject(long objectId) => _database.Write(c =>
    {
        using (var retained = CatalogDatabase.Command(c, "UPDATE artifacts SET retained_object = NULL WHERE retained_object = $id", ("$id", objectId)))
            retained.ExecuteNonQuery();
        using var delete = CatalogDatabase.Command(c,
            "DELETE FROM objects WHERE id = $id AND NOT EXISTS (SELECT 1 FROM entry_files WHERE object_id = $id)", ("$id", objectId));
        delete.ExecuteNonQuery();
    });

    /// <summary>The artifact's record and its retained object (the artifact file kept as an object), if any.</summary>
    internal (ArtifactRecord Artifact, ObjectRef? Retained)? ArtifactAndRetained(string artifactSha256) => _database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT a.file_name, a.name, a.version, a.labels, a.size, a.imported_at, a.last_used_at, o.sha256, o.executable, o.copy
            FROM artifacts a LEFT JOIN objects o ON o.id = a.retained_object
            WHERE a.sha256 = $sha
            """, ("$sha", artifactSha256));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return ((ArtifactRecord, ObjectRef?)?)null;
        var record = new ArtifactRecord(artifactSha256, reader.GetString(0), reader.GetString(1), reader.GetString(2),
            StoreCatalog.SplitLabels(reader.GetString(3)), reader.GetInt64(4),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            HasEntry: false, Retained: !reader.IsDBNull(7));
        ObjectRef? retained = reader.IsDBNull(7) ? null : new ObjectRef(reader.GetString(7), reader.GetInt64(8) != 0, reader.GetInt32(9));
        return (record, retained);
    });
}
