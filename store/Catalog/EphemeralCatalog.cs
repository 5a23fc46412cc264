using EnvTool.Store.Gc;
using EnvTool.Store.Native;
using EnvTool.Store.Roots;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The catalog's rows for ephemeral environments: their roots (kind 'ephemeral', one per symlink
/// path, in the shape gc reads: reference 'tree:KEY', path, expires_at, pid and pid_started) and the
/// need-key → tree records that let a wiped symlink come back without resolving. All SQL for them
/// lives here.
/// </summary>
internal sealed class EphemeralCatalog(CatalogDatabase database)
{
    /// <summary>
    /// Makes <paramref name="path"/> a root of the tree until <paramref name="lifetime"/> from now,
    /// used now by process <paramref name="process"/> (alive while it holds the owner lock
    /// <paramref name="owner"/>), in one BEGIN IMMEDIATE transaction (gc re-checks
    /// roots in its own before removing a tree). False, and nothing written, when the catalog no longer
    /// lists the tree: gc took it, and the caller must build it again.
    /// </summary>
    internal bool Register(string path, string treeKey, ProcessIdentity process, string owner, TimeSpan lifetime)
    {
        var now = StoreCatalog.Now();
        return database.Write(c =>
        {
            using (var find = CatalogDatabase.Command(c, "SELECT 1 FROM trees WHERE key = $key", ("$key", treeKey)))
                if (find.ExecuteScalar() is null) return false;
            using var upsert = CatalogDatabase.Command(c, """
                INSERT INTO roots (kind, reference, path, pid, pid_started, owner, expires_at, created_at, last_used_at)
                VALUES ($kind, $reference, $path, $pid, $started, $owner, $expires, $now, $now)
                ON CONFLICT (path) WHERE kind = 'ephemeral'
                DO UPDATE SET reference = excluded.reference, pid = excluded.pid, pid_started = excluded.pid_started,
                              owner = excluded.owner, expires_at = excluded.expires_at, last_used_at = excluded.last_used_at
                """, ("$kind", GcRoot.Ephemeral), ("$reference", RootReference.Tree(treeKey)), ("$path", path),
                ("$pid", process.Pid), ("$started", process.StartTicks), ("$owner", owner), ("$expires", now + (long)lifetime.TotalMilliseconds), ("$now", now));
            upsert.ExecuteNonQuery();
            return true;
        });
    }

    /// <summary>The key of the tree recorded for <paramref name="needKey"/>, when that tree is still catalogued.</summary>
    internal string? FindTree(string needKey) => database.Read(c =>
    {
        using var command = CatalogDatabase.Command(c, """
            SELECT t.key FROM ephemeral_keys k JOIN trees t ON t.id = k.tree_id WHERE k.key = $key
            """, ("$key", needKey));
        return command.ExecuteScalar() as string;
    });

    internal void Remember(string needKey, string treeKey)
    {
        var now = StoreCatalog.Now();
        database.Write(c =>
        {
            using var command = CatalogDatabase.Command(c, """
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
        using var command = CatalogDatabase.Command(c, """
            SELECT path, reference, last_used_at, expires_at, pid, pid_started
            FROM roots WHERE kind = $kind ORDER BY path
            """, ("$kind", GcRoot.Ephemeral));
        using var reader = command.ExecuteReader();
        var list = new List<EphemeralRoot>();
        while (reader.Read())
            list.Add(new EphemeralRoot(reader.GetString(0), RootReference.TreeKey(reader.GetString(1)) ?? "",
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        return (IReadOnlyList<EphemeralRoot>)list;
    });
}
