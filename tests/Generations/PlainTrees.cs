using EnvTool.Store;
using EnvTool.Store.Catalog;

namespace EnvTool.Tests.Generations;

/// <summary>
/// Published trees for the store-level tests of switching, which care about which tree a path names,
/// not what is inside: a real directory under trees/ with one marker file, and its catalog row.
/// </summary>
internal static class PlainTrees
{
    public static string Publish(ContentStore store, string key)
    {
        var dir = store.Layout.TreeDir(key);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "marker"), key);
        var database = new CatalogDatabase(store.Layout.CatalogPath);
        database.Write(c =>
        {
            using var insert = CatalogDatabase.Command(c,
                "INSERT OR IGNORE INTO trees (key, path, created_at, last_used_at) VALUES ($key, $path, 0, 0)",
                ("$key", key), ("$path", "trees/" + key));
            insert.ExecuteNonQuery();
        });
        return dir;
    }

    /// <summary>The marker of the tree the environment path leads to, read through the path as any process would.</summary>
    public static string Marker(string environmentPath) => File.ReadAllText(Path.Combine(environmentPath, "marker"));
}
