using System.CommandLine;
using System.Text.Json;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Store.Trees;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool list [--env PATH]</c>: the packages of the current generation.</summary>
public static class ListCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the packages in an environment's current generation")
            .WithExamples("envtool list", "envtool list --env /opt/app/env --format json");
        command.Options.Add(env);
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            using var store = StoreLocation.Open(parse);
            var listing = new EnvironmentManager(store).List(display);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var output = new ListOutput(listing.Path, listing.Generation, listing.Settings.Interpreter, listing.Settings.LinkMode.Name(), listing.Settings.Compile,
                    listing.Packages.Select(p => new PackageRow(p.Name, p.Version, p.Requested)).ToList());
                Console.Out.WriteLine(JsonSerializer.Serialize(output, EnvironmentJsonContext.Default.ListOutput));
                return 0;
            }
            if (Terminal.StdoutIsTerminal)
            {
                var table = new Table().Border(TableBorder.Simple).Caption($"{Markup.Escape(display)}, generation {listing.Generation}");
                table.AddColumn("Package");
                table.AddColumn("Version");
                foreach (var p in listing.Packages) table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Version));
                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var p in listing.Packages) Console.Out.WriteLine(EnvironmentOutput.Package(p));
            }
            return 0;
        }));
        return command;
    }
}
