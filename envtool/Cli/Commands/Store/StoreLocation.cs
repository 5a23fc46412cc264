using System.CommandLine;
using EnvTool.Store;

namespace EnvTool.Cli.Commands.Store;

/// <summary>Opens the store a command works on: <c>--store</c>, else the default location.</summary>
internal static class StoreLocation
{
    public static ContentStore Open(ParseResult parse, StoreOptions? options = null) =>
        ContentStore.Open(parse.GetValue(GlobalOptions.Store) is { Length: > 0 } root ? Path.GetFullPath(root) : ContentStore.DefaultRoot(), options);
}
