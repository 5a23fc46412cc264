using EnvTool.Store.Catalog;
using EnvTool.Store.Errors;
using EnvTool.Store.Layout;

namespace EnvTool.Store.Environments;

/// <summary>Combines what the symlink says with what the catalog says; the symlink wins.</summary>
internal static class EnvironmentReader
{
    /// <summary>
    /// The number of the generation the symlink makes current: the one the catalog calls current when
    /// its tree matches, else the newest generation naming that tree (a command killed between its
    /// rename and its catalog update). Null when nothing is at the path.
    /// </summary>
    internal static int? ResolveCurrent(string path, string? linkedKey, EnvironmentCatalog.Rows rows)
    {
        if (linkedKey is null) return null;
        if (rows.Generations.FirstOrDefault(g => g.Number == rows.CurrentNumber) is { } recorded && recorded.TreeKey == linkedKey)
            return recorded.Number;
        return rows.Generations.LastOrDefault(g => g.TreeKey == linkedKey)?.Number
            ?? throw new EnvToolException(
                $"'{path}' links to tree {linkedKey}, which no generation of this environment names",
                "the catalog does not know this link (copied from another environment, or made by hand?); delete the link and run `envtool create` again");
    }

    /// <summary>
    /// Makes the catalog agree with the symlink (call under the environment lock): generation
    /// <paramref name="current"/> becomes current and rows above it, made by commands killed before
    /// their switch, are dropped. Returns the rows as they are now.
    /// </summary>
    internal static EnvironmentCatalog.Rows Reconcile(EnvironmentCatalog catalog, string path, EnvironmentCatalog.Rows rows, int? current)
    {
        if (current is not { } number || (rows.CurrentNumber == number && rows.Generations[^1].Number == number)) return rows;
        catalog.SetCurrent(path, rows.CurrentNumber, number);
        return catalog.Read(path);
    }

    /// <summary>The environment as of generation <paramref name="current"/>: later rows (never switched to) are left out.</summary>
    internal static EnvironmentState ToState(string path, EnvironmentCatalog.Rows rows, int? current)
    {
        if (current is null) return new EnvironmentState(path, [], null);
        var generations = rows.Generations.Where(g => g.Number <= current).ToList();
        return new EnvironmentState(path, generations, generations.First(g => g.Number == current));
    }

    internal static EnvironmentState Inspect(StoreLayout layout, EnvironmentCatalog catalog, string path)
    {
        var key = EnvironmentLink.ReadTreeKey(layout, path);
        var rows = catalog.Read(path);
        return ToState(path, rows, ResolveCurrent(path, key, rows));
    }
}
