using EnvTool.Store.Roots;
using Microsoft.Data.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The catalog's rows for ephemeral environments: their roots (kind 'ephemeral', one per symlink
/// path) and the need-key → tree records that let a wiped symlink come back without resolving.
/// All SQL for them lives here.
/// </summary>
internal sealed class EphemeralCatalog(CatalogDatabase database)
{
    internal const string Kind = "ephemeral";

    /// <summary>
    /// Makes <paramref name="path"/> a root of the tree, used now by <paramref name="pid"/>, in one
    /// BEGIN IMMEDIATE transaction. False (and nothing written) when the catalog no longer lists the
    /// tree: gc took it, and the caller must build it again.
    /// </summary>
    internal bool Register(string path, string treeKey, int pid, long? pidStart)
    {
        var now = StoreCatalog.Now();
        return database.Write((c, t) =>
        {
            long treeId;
            using (var find = CatalogDatabase.Command(c, t, "SELECT id FROM trees WHERE key = $key", ("$key", treeKey)))
            {
                if (find.ExecuteScalar() is not long id) return false;
                treeId = id;
            }
            using var upsert = CatalogDatabase.Command(c, t, """
                INSERT INTO roots (kind, reference, pid, expires_at, created_at, tree_id, last_used_at, pid_start)
                VALUES ($kind, $path, $pid, NULL, $now, $tree, $now, $start)
                ON CONFLICT (reference) WHERE kind = 'ephemeral'
                DO UPDATE SET tree_id = excluded.tree_id, last_used_at = excluded.last_used_at,
                              pid = excluded.pid, pid_start = excluded.pid_start
                """, ("$kind", Kind), ("$path", path), ("$pid", pid), ("$now", now), ("$tree", treeId), ("$start", pidStart));
            upsert.ExecuteNonQuery();
            return true;
        });
    }

    /// <summary>The key of the tree recorded for <paramref name="needKey"/>, when that tree is still catalogued.</summary>
    internal string? FindTree(string needKey) => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, null, """
            SELECT t.key FROM ephemeral_keys k JOIN trees t ON t.id = k.tree_id WHERE k.key = $key
            """, ("$key", needKey));
        return command.ExecuteScalar() as string;
    });

    internal void Remember(string needKey, string treeKey)
    {
        var now = StoreCatalog.Now();
        database.Write((c, t) =>
        {
            using var command = CatalogDatabase.Command(c, t, """
                INSERT INTO ephemeral_keys (key, tree_id, created_at)
                SELECT $key, id, $now FROM trees WHERE key = $tree
                ON CONFLICT (key) DO UPDATE SET tree_id = excluded.tree_id
                """, ("$key", needKey), ("$tree", treeKey), ("$now", now));
            if (command.ExecuteNonQuery() != 1)
                throw new InvalidOperationException($"tree {treeKey} is not in the catalog; publish it before recording what it satisfies");
        });
    }

    internal IReadOnlyList<EphemeralRoot> List() => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, null, """
            SELECT r.reference, t.key, r.last_used_at, r.pid, r.pid_start, r.created_at
            FROM roots r JOIN trees t ON t.id = r.tree_id
            WHERE r.kind = $kind ORDER BY r.reference
            """, ("$kind", Kind));
        using var reader = command.ExecuteReader();
        var list = new List<EphemeralRoot>();
        while (reader.Read())
            list.Add(new EphemeralRoot(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        return (IReadOnlyList<EphemeralRoot>)list;
    });
}
