using System.CommandLine;

namespace EnvTool.Cli.Commands;

/// <summary>The top-level commands, in the order `envtool --help` lists them.</summary>
public static class CommandList
{
    public static IEnumerable<Command> All()
    {
        yield return Environments.CreateCommand.Create();
        yield return Environments.InstallCommand.Create();
        yield return Environments.RemoveCommand.Create();
        yield return Environments.LockCommand.Create();
        yield return Environments.SyncCommand.Create();
        yield return Environments.ListCommand.Create();
        yield return Environments.HistoryCommand.Create();
        yield return Environments.RollbackCommand.Create();
        yield return Run.RunCommand.Create();
        yield return Run.ToolCommand.CreateX();
        yield return Run.ToolCommand.CreateToolGroup();
        yield return Python.PythonCommand.Create();
        yield return Store.StoreCommand.Create();
    }
}
