using System.CommandLine;

namespace EnvTool.Cli;

/// <summary>Options every command understands.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Store = new("--store")
    {
        Description = "The store directory (default: $ENVTOOL_STORE, else $XDG_DATA_HOME/envtool or ~/.local/share/envtool)",
        Recursive = true,
    };
}
