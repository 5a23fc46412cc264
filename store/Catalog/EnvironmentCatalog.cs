using EnvTool.Store.Environments;
using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The catalog's rows for environments and their generations. All SQL for them lives here. The
/// generations of registered environments are the roots of trees: gc keeps every tree a generation
/// row names (generations.tree_id), so registering a generation is registering its root.
/// </summary>
internal sealed class EnvironmentCatalog(StoreLayout layout, CatalogDatabase database)
{
    /// <summary>The catalog's view: the current generation number it records and every generation, oldest first.</summary>
    internal sealed record Rows(long? EnvironmentId, int? CurrentNumber, IReadOnlyList<GenerationRecord> Generations);

    internal Rows Read(string path) => database.Read(c => Read(c, path));

    /// <summary>The catalog has a row for the tree with this key.</summary>
    internal bool ListsTree(string treeKey) => new GcCatalog(layout, database).TreeExists(treeKey);

    private Rows Read(SqliteConnection c, string path)
    {
        long? id = null;
        int? current = null;
        using (var env = CatalogDatabase.Command(c, "SELECT id, current_generation FROM environments WHERE path = $path", ("$path", path)))
        using (var reader = env.ExecuteReader())
        {
            if (!reader.Read()) return new Rows(null, null, []);
            id = reader.GetInt64(0);
            current = reader.IsDBNull(1) ? null : reader.GetInt32(1);
        }

        var generations = new List<GenerationRecord>();
        using (var command = CatalogDatabase.Command(c, """
            SELECT g.number, p.number, t.key, g.command, g.created_at, g.restores, g.settings, g.changes
            FROM generations g JOIN trees t ON t.id = g.tree_id LEFT JOIN generations p ON p.id = g.parent
            WHERE g.environment_id = $env ORDER BY g.number
            """, ("$env", id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var number = reader.GetInt32(0);
                var key = reader.GetString(2);
                generations.Add(new GenerationRecord(
                    number,
                    reader.IsDBNull(1) ? null : reader.GetInt32(1),
                    key, layout.TreeDir(key),
                    reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.GetString(6),
                    Changes(path, number, reader.GetString(7))));
            }
        }
        return new Rows(id, current, generations);
    }

    /// <summary>
    /// Adds generation (highest + 1) to the environment, registering the environment if needed, in one
    /// BEGIN IMMEDIATE transaction that first checks the catalog still says <paramref name="expectedCurrent"/>
    /// is current (the compare half of the compare-and-swap). When <paramref name="expectedCurrent"/> is
    /// null the environment is being created (the caller saw nothing at the path, under the environment
    /// lock): rows left by an earlier environment at this path that the user deleted, or by a create
    /// that never switched, are dropped first, and the new generation is current at once: nothing is
    /// at the path until the caller's symlink is, and the symlink is what readers believe. Otherwise
    /// the new generation is not current yet (<see cref="SetCurrent"/> makes it so after the switch).
    /// </summary>
    internal int AddGeneration(string path, int? expectedCurrent, string treeKey, string command, string settings,
                               int? restores, IReadOnlyList<GenerationChange> changes)
    {
        var now = StoreCatalog.Now();
        // Durable: the environment's symlink is switched to this generation's tree right after, and
        // the symlink must never outlive, across a power loss, the row that names its tree.
        return database.WriteDurable(c =>
        {
            var rows = Read(c, path);
            var highest = rows.Generations.Count == 0 ? (int?)null : rows.Generations[^1].Number;
            long environmentId;
            if (expectedCurrent is null)
            {
                if (rows.EnvironmentId is { } stale)
                    using (var delete = CatalogDatabase.Command(c, "DELETE FROM environments WHERE id = $id", ("$id", stale)))
                        delete.ExecuteNonQuery();
                using var insert = CatalogDatabase.Command(c,
                    "INSERT INTO environments (path, current_generation, created_at) VALUES ($path, NULL, $now) RETURNING id",
                    ("$path", path), ("$now", now));
                environmentId = (long)insert.ExecuteScalar()!;
                highest = null;
            }
            else
            {
                if (rows.EnvironmentId is not { } id || rows.CurrentNumber != expectedCurrent || highest != expectedCurrent)
                    throw new EnvironmentChangedException(path, expectedCurrent, highest);
                environmentId = id;
            }

            long treeId;
            using (var tree = CatalogDatabase.Command(c, "SELECT id FROM trees WHERE key = $key", ("$key", treeKey)))
                // In this transaction, so gc (which deletes a tree's row before its directory, in a
                // transaction that looks for generations naming it) either took the tree first or
                // will find this generation.
                treeId = tree.ExecuteScalar() is long found ? found : throw new TreeGoneException(treeKey);

            long? parentId = null;
            if (expectedCurrent is { } parentNumber)
                using (var parent = CatalogDatabase.Command(c,
                    "SELECT id FROM generations WHERE environment_id = $env AND number = $number",
                    ("$env", environmentId), ("$number", parentNumber)))
                    parentId = (long)parent.ExecuteScalar()!;

            var number = (highest ?? 0) + 1;
            using (var insert = CatalogDatabase.Command(c, """
                INSERT INTO generations (environment_id, number, parent, tree_id, command, created_at, restores, settings, changes)
                VALUES ($env, $number, $parent, $tree, $command, $now, $restores, $settings, $changes)
                """,
                ("$env", environmentId), ("$number", number), ("$parent", parentId), ("$tree", treeId),
                ("$command", command), ("$now", now), ("$restores", restores), ("$settings", settings),
                ("$changes", GenerationChangesJson.Write(changes))))
                insert.ExecuteNonQuery();

            if (expectedCurrent is null)
                using (var current = CatalogDatabase.Command(c, "UPDATE environments SET current_generation = $number WHERE id = $env",
                           ("$number", number), ("$env", environmentId)))
                    current.ExecuteNonQuery();
            return number;
        });
    }

    /// <summary>
    /// Records <paramref name="number"/> as current (the swap half), provided the catalog still says
    /// <paramref name="expectedCurrent"/>, and drops generations above it: rows added by commands
    /// killed before their switch, which no symlink ever pointed at.
    /// </summary>
    internal void SetCurrent(string path, int? expectedCurrent, int number)
    {
        database.Write(c =>
        {
            using (var update = CatalogDatabase.Command(c, """
                UPDATE environments SET current_generation = $number
                WHERE path = $path AND current_generation IS $expected
                  AND EXISTS (SELECT 1 FROM generations g WHERE g.environment_id = environments.id AND g.number = $number)
                """, ("$number", number), ("$path", path), ("$expected", expectedCurrent)))
            {
                if (update.ExecuteNonQuery() != 1)
                {
                    var found = Read(c, path).CurrentNumber;
                    throw new EnvironmentChangedException(path, expectedCurrent, found);
                }
            }
            using var drop = CatalogDatabase.Command(c, """
                DELETE FROM generations
                WHERE environment_id = (SELECT id FROM environments WHERE path = $path) AND number > $number
                """, ("$path", path), ("$number", number));
            drop.ExecuteNonQuery();
        });
    }

    private IReadOnlyList<GenerationChange> Changes(string path, int number, string json)
    {
        try
        {
            return GenerationChangesJson.Parse(json);
        }
        catch (FormatException e)
        {
            throw new StoreCorruptException(layout.CatalogPath, $"lists unreadable changes for generation {number} of '{path}': {e.Message}");
        }
    }
}
