using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EnvTool.Store.Native;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Tests.Support;

/// <summary>
/// Everything observable about a store, to prove an operation left it exactly as it was: every path
/// with its type, mode, inode, link count, size and content hash (the catalog's own files and the
/// transient locks/ aside), and every row of every catalog table. Equal snapshots: nothing changed.
/// </summary>
public sealed record StoreSnapshot(string Files, string CatalogRows)
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
            var s = Posix.Stat(path);
            var line = $"{relative} mode={Convert.ToString(s.Mode, 8)} ino={s.Inode} links={s.LinkCount}";
            if (new FileInfo(path).LinkTarget is { } target) line += " -> " + target;
            else if (!s.IsDirectory)
            {
                using var stream = File.OpenRead(path);
                line += $" size={s.Size} sha256={Convert.ToHexStringLower(SHA256.HashData(stream))}";
            }
            files.Add(line);
        }
        files.Sort(StringComparer.Ordinal);
        return new StoreSnapshot(string.Join('\n', files), ReadCatalog(Path.Combine(root, "catalog.db")));
    }

    private static string ReadCatalog(string database)
    {
        var rows = new StringBuilder();
        if (!File.Exists(database)) return "";
        using var connection = SqliteConnection.Open(database, SqliteOpenMode.ReadOnly);
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
                tableRows.Add(table + ": " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            tableRows.Sort(StringComparer.Ordinal);
            foreach (var row in tableRows) rows.Append(row).Append('\n');
        }
        return rows.ToString();
    }
}
