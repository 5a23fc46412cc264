using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Store;

/// <summary><c>envtool store du</c>: what each environment and package takes, before and after sharing.</summary>
public static class StoreDuCommand
{
    public static Command Create()
    {
        var format = OutputFormatOption.Create();
        var command = new Command("du",
                "Show each environment's size as plain files (logical) and on disk (physical, hard links counted once), "
                + "split into bytes shared with other environments and bytes only it holds; and each package's")
            .WithExamples("envtool store du", "envtool store du --format json");
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var usage = store.DiskUsage();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(usage, GcJsonContext.Default.DiskUsageReport));
                return 0;
            }
            if (Terminal.StdoutIsTerminal)
            {
                var table = new Table().Border(TableBorder.Simple);
                foreach (var column in new[] { "Environment / package", "Logical", "Physical", "Shared", "Unique" }) table.AddColumn(column);
                foreach (var e in usage.Environments)
                {
                    table.AddRow(Markup.Escape(Title(e)), Bytes.Format(e.LogicalBytes), Bytes.Format(e.PhysicalBytes), Bytes.Format(e.SharedBytes), Bytes.Format(e.UniqueBytes));
                    foreach (var p in e.Packages)
                        table.AddRow(Markup.Escape($"  {p.Name} {p.Version}"), Bytes.Format(p.LogicalBytes), Bytes.Format(p.PhysicalBytes), Users(p.Environments), "");
                }
                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var e in usage.Environments)
                {
                    Console.Out.WriteLine($"{Title(e)}  logical {Bytes.Format(e.LogicalBytes)}  physical {Bytes.Format(e.PhysicalBytes)}  "
                        + $"shared {Bytes.Format(e.SharedBytes)}  unique {Bytes.Format(e.UniqueBytes)}");
                    foreach (var p in e.Packages)
                        Console.Out.WriteLine($"  {p.Name} {p.Version}  logical {Bytes.Format(p.LogicalBytes)}  physical {Bytes.Format(p.PhysicalBytes)}  {Users(p.Environments)}");
                }
            }
            Console.Out.WriteLine($"store {usage.Root}: {Bytes.Format(usage.StoreBytes)} on disk");
            return 0;
        }));
        return command;
    }

    private static string Title(EnvTool.Store.Gc.EnvironmentUsage e) =>
        $"{e.Path} (generation {e.CurrentGeneration?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {e.Trees} tree{(e.Trees == 1 ? "" : "s")})"
        + (e.Present ? "" : " [path gone: `envtool store gc` drops it]");

    private static string Users(int environments) => environments == 1 ? "in 1 environment" : $"shared by {environments} environments";
}
