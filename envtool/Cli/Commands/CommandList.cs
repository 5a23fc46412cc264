using System.CommandLine;

namespace EnvTool.Cli.Commands;

/// <summary>The top-level commands, in the order `envtool --help` lists them.</summary>
public static class CommandList
{
    private static readonly (string Name, Func<Command> Create)[] Factories =
    [
        ("create", Environments.CreateCommand.Create),
        ("install", Environments.InstallCommand.Create),
        ("remove", Environments.RemoveCommand.Create),
        ("lock", Environments.LockCommand.Create),
        ("sync", Environments.SyncCommand.Create),
        ("list", Environments.ListCommand.Create),
        ("history", Environments.HistoryCommand.Create),
        ("rollback", Environments.RollbackCommand.Create),
        ("run", Run.RunCommand.Create),
        ("x", Run.ToolCommand.CreateX),
        ("tool", Run.ToolCommand.CreateToolGroup),
        ("python", Python.PythonCommand.Create),
        ("store", Store.StoreCommand.Create),
    ];

    public static IEnumerable<Command> All() => Factories.Select(f => f.Create());

    /// <summary>
    /// The commands a command line needs: only the one it names when it names one, else all (root
    /// help, a typo to suggest against). Building every command's options and help costs half a
    /// millisecond, a tenth of a warm `envtool create`.
    /// </summary>
    public static IEnumerable<Command> For(string[] args)
    {
        var name = FirstWord(args);
        foreach (var (command, create) in Factories)
            if (command == name) return [create()];
        return All();
    }

    /// <summary>The first argument that is neither a root option nor its value.</summary>
    private static string? FirstWord(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == GlobalOptions.Store.Name) { i++; continue; }
            if (args[i].StartsWith('-')) continue;
            return args[i];
        }
        return null;
    }
}
