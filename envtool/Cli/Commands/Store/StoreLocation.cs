using System.CommandLine;
using EnvTool.Store;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// Opens the store a command works on: <c>--store</c>, else the default location; with the
/// read-only stores ENVTOOL_STORE_RO names (directories separated by ':') layered under it.
/// </summary>
internal static class StoreLocation
{
    public static ContentStore Open(ParseResult parse, StoreOptions? options = null)
    {
        var root = parse.GetValue(GlobalOptions.Store) is { Length: > 0 } given ? Path.GetFullPath(given) : ContentStore.DefaultRoot();
        options ??= new StoreOptions();
        if (Environment.GetEnvironmentVariable("ENVTOOL_STORE_RO") is { Length: > 0 } layers)
            options = options with { ReadOnlyLayers = layers.Split(':', StringSplitOptions.RemoveEmptyEntries) };
        return ContentStore.Open(root, options);
    }
}
