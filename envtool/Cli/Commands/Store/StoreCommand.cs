using System.CommandLine;

namespace EnvTool.Cli.Commands.Store;

/// <summary><c>envtool store</c>: look after the content-addressed store itself.</summary>
public static class StoreCommand
{
    public static Command Create()
    {
        var command = new Command("store", "Import wheels into the store, list and check what it holds, collect garbage, show disk use, export and import caches")
            .WithExamples("envtool store add dist/*.whl", "envtool store list", "envtool store verify --full", "envtool store gc --dry-run", "envtool store export --lock pylock.toml -o cache.tar.zst");
        command.Subcommands.Add(StoreAddCommand.Create());
        command.Subcommands.Add(StoreListCommand.Create());
        command.Subcommands.Add(StoreInfoCommand.Create());
        command.Subcommands.Add(StoreVerifyCommand.Create());
        command.Subcommands.Add(StoreGcCommand.Create());
        command.Subcommands.Add(StoreDuCommand.Create());
        command.Subcommands.Add(StoreExportCommand.Create());
        command.Subcommands.Add(StoreImportCommand.Create());
        return command;
    }
}
