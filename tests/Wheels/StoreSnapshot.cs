using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace EnvTool.Tests.Wheels;

/// <summary>
/// Everything observable about a store, to prove an operation left it exactly as it was: every
/// file's path, type, mode and content hash (catalog database files and lock files aside), and
/// every catalog row of every table.
/// </summary>
public sealed record StoreSnapshot(IReadOnlyList<string> Files, IReadOnlyList<string> CatalogRows)
{
    /// <summary>Fails with the first differing line when <paramref name="after"/> is not this snapshot.</summary>
    public void AssertSameAs(StoreSnapshot after)
    {
        Assert.Equal(Files, after.Files);
        Assert.Equal(CatalogRows, after.CatalogRows);
    }

    public static StoreSnapshot Take(string root)
    {
        var files = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, path);
            if (relative.StartsWith("catalog.db", StringComparison.Ordinal) || relative.StartsWith("locks", StringComparison.Ordinal)) continue;
            var info = new FileInfo(path);
            var mode = OperatingSystem.IsWindows() ? "" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
            if (info.LinkTarget is { } target) files.Add($"{relative} link {target}");
            else if (Directory.Exists(path)) files.Add($"{relative} dir {mode}");
            else
            {
                using var stream = File.OpenRead(path);
                files.Add($"{relative} file {mode} {Convert.ToHexStringLower(SHA256.HashData(stream))}");
            }
        }
        files.Sort(StringComparer.Ordinal);
        return new StoreSnapshot(files, ReadCatalog(Path.Combine(root, "catalog.db")));
    }

    private static List<string> ReadCatalog(string database)
    {
        var rows = new List<string>();
        if (!File.Exists(database)) return rows;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var tableRows = new List<string>();
            while (reader.Read())
                tableRows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            tableRows.Sort(StringComparer.Ordinal);
            rows.AddRange(tableRows);
        }
        return rows;
    }
}
