using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Tests.Store;

/// <summary>Reads a store's catalog directly, so tests check what was recorded rather than what the API says.</summary>
internal static class CatalogQuery
{
    public static long Scalar(string root, string sql)
    {
        using var connection = Open(root);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(string root, string sql)
    {
        using var connection = Open(root, write: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string root, bool write = false)
    {
        return SqliteConnection.Open(Path.Combine(root, "catalog.db"), write ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly);
    }
}
