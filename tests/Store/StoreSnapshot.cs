using System.Text;
using EnvTool.Store.Native;
using Microsoft.Data.Sqlite;

namespace EnvTool.Tests.Store;

/// <summary>
/// Everything observable about a store: every path under the root with its type, inode, link count,
/// mode and size, plus every row of every catalog table. Two equal snapshots mean nothing changed.
/// </summary>
internal static class StoreSnapshot
{
    public static string Take(string root)
    {
        var text = new StringBuilder();
        var paths = Directory.GetFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => !Path.GetFileName(p).StartsWith("catalog.db", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var s = Posix.Stat(path);
            text.Append(Path.GetRelativePath(root, path)).Append(" mode=").Append(Convert.ToString(s.Mode, 8))
                .Append(" ino=").Append(s.Inode).Append(" links=").Append(s.LinkCount).Append(" size=")
                .Append(s.IsDirectory ? 0 : s.Size).Append('\n');
        }
        using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "catalog.db")};Mode=ReadOnly;Pooling=False");
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
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                text.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++) text.Append(' ').Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString());
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
