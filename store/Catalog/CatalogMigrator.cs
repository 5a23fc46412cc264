using EnvTool.Store.Errors;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// Brings a catalog to the latest schema, one step per transaction, re-reading the version inside
/// each transaction so two processes opening an old store at once apply every step exactly once.
/// </summary>
internal static class CatalogMigrator
{
    internal static void Migrate(CatalogDatabase database, IReadOnlyList<CatalogMigration> steps)
    {
        var latest = steps.Count == 0 ? 0 : steps[^1].Version;
        var current = database.Read(c => UserVersion(c));
        if (current > latest) throw new CatalogVersionException(database.Path, current, latest);
        if (current == latest) return;

        foreach (var step in steps)
        {
            database.Write(connection =>
            {
                var now = UserVersion(connection);
                if (now > latest) throw new CatalogVersionException(database.Path, now, latest);
                if (now >= step.Version) return;
                if (now != step.Version - 1)
                    throw new InvalidOperationException($"catalog schema step {step.Version} needs version {step.Version - 1}, found {now}");
                connection.Execute(step.Sql);
                // PRAGMA takes no parameters; the value is our own integer.
                connection.Execute($"PRAGMA user_version = {step.Version};");
            });
        }
    }

    internal static int UserVersion(SqliteConnection connection)
    {
        using var command = CatalogDatabase.Command(connection, "PRAGMA user_version;");
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
