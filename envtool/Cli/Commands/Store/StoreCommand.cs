using System.CommandLine;

namespace EnvTool.Cli.Commands.Store;

/// <summary><c>envtool store</c>: look after the content-addressed store itself.</summary>
public static class StoreCommand
{
    public static Command Create()
    {
        var command = new Command("store", "Import wheels into the store, list and check what it holds")
            .WithExamples("envtool store add dist/*.whl", "envtool store list", "envtool store verify --full");
        command.Subcommands.Add(StoreAddCommand.Create());
        command.Subcommands.Add(StoreListCommand.Create());
        command.Subcommands.Add(StoreInfoCommand.Create());
        command.Subcommands.Add(StoreVerifyCommand.Create());
        return command;
    }
}
