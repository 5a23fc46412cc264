using System.CommandLine;

namespace EnvTool.Cli.Commands;

/// <summary>The top-level commands, in the order `envtool --help` lists them.</summary>
public static class CommandList
{
    private static readonly (string Name, Func<Command> Create, bool OpensStore)[] Factories =
    [
        ("create", Environments.CreateCommand.Create, true),
        ("install", Environments.InstallCommand.Create, true),
        ("remove", Environments.RemoveCommand.Create, true),
        ("lock", Environments.LockCommand.Create, true),
        ("sync", Environments.SyncCommand.Create, true),
        ("list", Environments.ListCommand.Create, true),
        ("history", Environments.HistoryCommand.Create, true),
        ("rollback", Environments.RollbackCommand.Create, true),
        ("run", Run.RunCommand.Create, true),
        ("x", Run.ToolCommand.CreateX, true),
        ("tool", Run.ToolCommand.CreateToolGroup, true),
        ("python", Python.PythonCommand.Create, false),
        ("store", Store.StoreCommand.Create, true),
    ];

    public static IEnumerable<Command> All() => Factories.Select(f => f.Create());

    /// <summary>The command line names a command that works on the store.</summary>
    public static bool OpensStore(string[] args)
    {
        var name = FirstWord(args);
        return Factories.Any(f => f.Name == name && f.OpensStore);
    }

    /// <summary>
    /// The commands a command line needs: only the one it names when it names one, else all (root
    /// help, a typo to suggest against). Building every command's options and help costs half a
    /// millisecond, a tenth of a warm `envtool create`.
    /// </summary>
    public static IEnumerable<Command> For(string[] args)
    {
        var name = FirstWord(args);
        foreach (var (command, create, _) in Factories)
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
