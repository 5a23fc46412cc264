using System.CommandLine;

namespace EnvTool.Cli.Commands;

/// <summary>The top-level commands, in the order `envtool --help` lists them.</summary>
public static class CommandList
{
    public static IEnumerable<Command> All()
    {
        yield return Python.PythonCommand.Create();
        yield return Store.StoreCommand.Create();
    }
}
