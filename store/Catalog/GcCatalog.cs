using EnvTool.Store.Gc;
using EnvTool.Store.Layout;
using EnvTool.Store.Objects;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The catalog queries and deletions garbage collection needs. All SQL for them lives here. Every
/// deletion is one BEGIN IMMEDIATE transaction that re-checks, right before removing the row, that
/// nothing roots the thing any more (roots can appear between gc's plan and its deletion).
/// </summary>
internal sealed class GcCatalog(StoreLayout layout, CatalogDatabase database)
{
    internal sealed record EnvironmentItem(long Id, string Path);

    internal sealed record GenerationItem(long Id, long EnvironmentId, int Number, long TreeId, long CreatedAt);

    internal sealed record TreeItem(long Id, string Key, string Path, long CreatedAt, long LastUsedAt);

    internal sealed record EntryItem(long Id, string Sha256, string Path, long PublishedAt, long LastUsedAt);

    internal sealed record OverlayItem(long Id, long EntryId, string Tag, string Path, long PublishedAt);

    internal sealed record ArtifactItem(string Sha256, long? RetainedObject, long LastUsedAt, bool HasEntry);

    internal sealed record ObjectItem(long Id, ObjectRef Object, long Size);

    /// <summary>Everything gc decides on, read in one transaction so it is one consistent picture.</summary>
    internal sealed record Snapshot(
        IReadOnlyList<GenerationItem> Generations,
        IReadOnlyList<TreeItem> Trees,
        IReadOnlyList<(long Tree, long Entry)> TreeEntries,
        IReadOnlyList<(long Tree, long Overlay)> TreeOverlays,
        IReadOnlyList<(long Tree, long Object)> TreeObjects,
        IReadOnlyList<EntryItem> Entries,
        IReadOnlyList<(long Entry, long Object)> EntryFiles,
        IReadOnlyList<OverlayItem> Overlays,
        IReadOnlyList<(long Overlay, long Object)> OverlayFiles,
        IReadOnlyList<ArtifactItem> Artifacts,
        IReadOnlyList<ObjectItem> Objects,
        IReadOnlyList<GcRoot> Roots);

    internal List<EnvironmentItem> Environments() => database.Read(c =>
        CatalogDatabase.Rows(c, "SELECT id, path FROM environments ORDER BY path", r => new EnvironmentItem(r.GetInt64(0), r.GetString(1))));

    internal Dictionary<(long Environment, int Number), long> GenerationIds() => database.Read(c =>
        CatalogDatabase.Rows(c, "SELECT environment_id, number, id FROM generations", r => (r.GetInt64(0), r.GetInt32(1), r.GetInt64(2))))
        .ToDictionary(g => (g.Item1, g.Item2), g => g.Item3);

    internal List<GcRoot> Roots() => database.Read(c => Roots(c, null));

    internal Snapshot Read() => database.Read(c =>
    {
        using var transaction = c.BeginTransaction(deferred: true);
        var snapshot = new Snapshot(
            CatalogDatabase.Rows(c, "SELECT id, environment_id, number, tree_id, created_at FROM generations",
                r => new GenerationItem(r.GetInt64(0), r.GetInt64(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4))),
            CatalogDatabase.Rows(c, "SELECT id, key, path, created_at, last_used_at FROM trees ORDER BY key",
                r => new TreeItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4))),
            CatalogDatabase.Rows(c, "SELECT tree_id, entry_id FROM tree_entries", Pair),
            CatalogDatabase.Rows(c, "SELECT tree_id, overlay_id FROM tree_overlays", Pair),
            CatalogDatabase.Rows(c, "SELECT tree_id, object_id FROM tree_objects", Pair),
            CatalogDatabase.Rows(c, """
                SELECT e.id, e.artifact_sha256, e.path, e.published_at, a.last_used_at
                FROM entries e JOIN artifacts a ON a.sha256 = e.artifact_sha256 ORDER BY a.last_used_at, e.id
                """, r => new EntryItem(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4))),
            CatalogDatabase.Rows(c, "SELECT entry_id, object_id FROM entry_files", Pair),
            CatalogDatabase.Rows(c, "SELECT id, entry_id, tag, path, published_at FROM overlays",
                r => new OverlayItem(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4))),
            CatalogDatabase.Rows(c, "SELECT overlay_id, object_id FROM overlay_files", Pair),
            CatalogDatabase.Rows(c, """
                SELECT a.sha256, a.retained_object, a.last_used_at, EXISTS (SELECT 1 FROM entries e WHERE e.artifact_sha256 = a.sha256)
                FROM artifacts a
                """, r => new ArtifactItem(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.GetInt64(2), r.GetBoolean(3))),
            CatalogDatabase.Rows(c, "SELECT id, sha256, executable, copy, size FROM objects",
                r => new ObjectItem(r.GetInt64(0), new ObjectRef(r.GetString(1), r.GetInt64(2) != 0, r.GetInt32(3)), r.GetInt64(4))),
            Roots(c, null));
        transaction.Commit();
        return snapshot;
    });

    /// <summary>Forgets an environment: its generations and their changes go with it (ON DELETE CASCADE).</summary>
    internal void DropEnvironment(long environmentId) => database.Write(c =>
    {
        using var delete = CatalogDatabase.Command(c, "DELETE FROM environments WHERE id = $id", ("$id", environmentId));
        delete.ExecuteNonQuery();
    });

    /// <summary>
    /// Deletes generations of one environment, never the one the catalog calls current (re-checked
    /// here); generations made from a deleted one lose their parent link. Returns how many went.
    /// </summary>
    internal int DeleteGenerations(long environmentId, IReadOnlyCollection<int> numbers) => database.Write(c =>
    {
        using var current = CatalogDatabase.Command(c, "SELECT current_generation FROM environments WHERE id = $env", ("$env", environmentId));
        var currentNumber = current.ExecuteScalar() is long n ? (int?)n : null;
        var deleted = 0;
        using var orphan = CatalogDatabase.Command(c, """
            UPDATE generations SET parent = NULL
            WHERE parent = (SELECT id FROM generations WHERE environment_id = $env AND number = $number)
            """, ("$env", environmentId), ("$number", 0));
        using var delete = CatalogDatabase.Command(c,
            "DELETE FROM generations WHERE environment_id = $env AND number = $number", ("$env", environmentId), ("$number", 0));
        foreach (var number in numbers)
        {
            if (number == currentNumber) continue;
            orphan.Parameters["$number"].Value = number;
            orphan.ExecuteNonQuery();
            delete.Parameters["$number"].Value = number;
            deleted += delete.ExecuteNonQuery();
        }
        return deleted;
    });

    /// <summary>Deletes root rows that no longer keep anything (an ephemeral environment gone or expired, a dead operation).</summary>
    internal void DeleteRoot(long id) => database.Write(c =>
    {
        using var delete = CatalogDatabase.Command(c, "DELETE FROM roots WHERE id = $id", ("$id", id));
        delete.ExecuteNonQuery();
    });

    /// <summary>Deletes the tree's rows unless a generation or a live root names it, or it was made or used after <paramref name="cutoff"/>.</summary>
    internal bool DeleteTree(string key, long cutoff, long now) => database.Write(c =>
    {
        using (var rooted = CatalogDatabase.Command(c, """
            SELECT 1 FROM trees tr WHERE tr.key = $key
              AND (tr.created_at >= $cutoff OR tr.last_used_at >= $cutoff
                   OR EXISTS (SELECT 1 FROM generations g WHERE g.tree_id = tr.id))
            """, ("$key", key), ("$cutoff", cutoff)))
            if (rooted.ExecuteScalar() is not null) return false;
        if (Roots(c, RootReference.Tree(key)).Any(r => r.IsLive(now))) return false;
        using var delete = CatalogDatabase.Command(c, "DELETE FROM trees WHERE key = $key", ("$key", key));
        return delete.ExecuteNonQuery() == 1;
    });

    /// <summary>Deletes an overlay's rows unless a tree uses it, a live root holds its entry, or it is recent (unless <paramref name="cutoff"/> is null).</summary>
    internal bool DeleteOverlay(long overlayId, string entrySha256, long? cutoff, long now) => database.Write(c =>
    {
        using (var used = CatalogDatabase.Command(c, """
            SELECT 1 FROM overlays o WHERE o.id = $id
              AND (o.published_at >= $cutoff OR EXISTS (SELECT 1 FROM tree_overlays x WHERE x.overlay_id = o.id))
            """, ("$id", overlayId), ("$cutoff", cutoff ?? long.MaxValue)))
            if (used.ExecuteScalar() is not null) return false;
        if (Roots(c, RootReference.Entry(entrySha256)).Any(r => r.IsLive(now))) return false;
        using var delete = CatalogDatabase.Command(c, "DELETE FROM overlays WHERE id = $id", ("$id", overlayId));
        return delete.ExecuteNonQuery() == 1;
    });

    /// <summary>
    /// Deletes an entry's rows and its artifact's, unless a tree or overlay refers to the entry, a live
    /// root holds it, or (unless <paramref name="cutoff"/> is null) it was published or used after the cutoff.
    /// </summary>
    internal bool DeleteEntry(string artifactSha256, long? cutoff, long now) => database.Write(c =>
    {
        using (var used = CatalogDatabase.Command(c, """
            SELECT 1 FROM entries e JOIN artifacts a ON a.sha256 = e.artifact_sha256 WHERE e.artifact_sha256 = $sha
              AND (e.published_at >= $cutoff OR a.last_used_at >= $cutoff
                   OR EXISTS (SELECT 1 FROM tree_entries x WHERE x.entry_id = e.id)
                   OR EXISTS (SELECT 1 FROM overlays o WHERE o.entry_id = e.id))
            """, ("$sha", artifactSha256), ("$cutoff", cutoff ?? long.MaxValue)))
            if (used.ExecuteScalar() is not null) return false;
        if (Roots(c, RootReference.Entry(artifactSha256)).Any(r => r.IsLive(now))) return false;
        using (var files = CatalogDatabase.Command(c,
            "DELETE FROM entry_files WHERE entry_id = (SELECT id FROM entries WHERE artifact_sha256 = $sha)", ("$sha", artifactSha256)))
            files.ExecuteNonQuery();
        using (var entry = CatalogDatabase.Command(c, "DELETE FROM entries WHERE artifact_sha256 = $sha", ("$sha", artifactSha256)))
            if (entry.ExecuteNonQuery() != 1) return false;
        using var artifact = CatalogDatabase.Command(c, "DELETE FROM artifacts WHERE sha256 = $sha", ("$sha", artifactSha256));
        artifact.ExecuteNonQuery();
        return true;
    });

    /// <summary>Deletes the row of an artifact that has no entry (verify dropped it), unless it was used after the cutoff or a live root holds it.</summary>
    internal bool DeleteArtifact(string artifactSha256, long cutoff, long now) => database.Write(c =>
    {
        using (var used = CatalogDatabase.Command(c, """
            SELECT 1 FROM artifacts a WHERE a.sha256 = $sha
              AND (a.last_used_at >= $cutoff OR EXISTS (SELECT 1 FROM entries e WHERE e.artifact_sha256 = a.sha256))
            """, ("$sha", artifactSha256), ("$cutoff", cutoff)))
            if (used.ExecuteScalar() is not null) return false;
        if (Roots(c, RootReference.Entry(artifactSha256)).Any(r => r.IsLive(now))) return false;
        using var delete = CatalogDatabase.Command(c, "DELETE FROM artifacts WHERE sha256 = $sha", ("$sha", artifactSha256));
        return delete.ExecuteNonQuery() == 1;
    });

    /// <summary>
    /// Deletes the rows of these objects that nothing refers to any more, provided no operation is in
    /// flight (the caller holds the store lock, so none can start). Returns the ids deleted; null
    /// when a live operation root exists.
    /// </summary>
    internal List<long>? DeleteObjects(IReadOnlyCollection<long> objectIds, long now) => database.Write(c =>
    {
        if (Roots(c, null).Any(r => r.Kind == OperationRoot.Kind && r.IsLive(now))) return null;
        var deleted = new List<long>();
        using var delete = CatalogDatabase.Command(c, """
            DELETE FROM objects WHERE id = $id
              AND NOT EXISTS (SELECT 1 FROM entry_files WHERE object_id = $id)
              AND NOT EXISTS (SELECT 1 FROM overlay_files WHERE object_id = $id)
              AND NOT EXISTS (SELECT 1 FROM tree_objects WHERE object_id = $id)
              AND NOT EXISTS (SELECT 1 FROM artifacts WHERE retained_object = $id)
            """, ("$id", 0L));
        foreach (var id in objectIds)
        {
            delete.Parameters["$id"].Value = id;
            if (delete.ExecuteNonQuery() == 1) deleted.Add(id);
        }
        return deleted;
    });

    /// <summary>True when an operation root with a live process exists (checked under the store lock before removing uncatalogued objects).</summary>
    internal bool OperationInFlight(long now) => database.Read(c => Roots(c, null).Any(r => r.Kind == OperationRoot.Kind && r.IsLive(now)));

    internal bool TreeExists(string key) => Exists("SELECT 1 FROM trees WHERE key = $v", key);

    internal bool EntryExists(string artifactSha256) => Exists("SELECT 1 FROM entries WHERE artifact_sha256 = $v", artifactSha256);

    internal bool OverlayExists(string relativePath) => Exists("SELECT 1 FROM overlays WHERE path = $v", relativePath);

    internal bool ObjectExists(ObjectRef obj) => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c,
            "SELECT 1 FROM objects WHERE sha256 = $sha AND executable = $exec AND copy = $copy",
            ("$sha", obj.Sha256), ("$exec", obj.Executable ? 1 : 0), ("$copy", obj.Copy));
        return command.ExecuteScalar() is not null;
    });

    private bool Exists(string sql, string value) => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, sql, ("$v", value));
        return command.ExecuteScalar() is not null;
    });

    private List<GcRoot> Roots(SqliteConnection c, string? reference) =>
        CatalogDatabase.Rows(c, """
            SELECT id, kind, reference, pid, pid_started, owner, expires_at, path, created_at FROM roots
            WHERE $reference IS NULL OR reference = $reference
            """,
            r => new GcRoot(r.GetInt64(0), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4),
                r.IsDBNull(5) ? null : layout.OwnerLockPath(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8)),
            ("$reference", reference));

    private static (long, long) Pair(SqliteDataReader r) => (r.GetInt64(0), r.GetInt64(1));
}
