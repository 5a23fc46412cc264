using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Store;

/// <summary><c>envtool store list</c>: every artifact the catalog knows.</summary>
public static class StoreListCommand
{
    public static Command Create()
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the artifacts (wheels) in the store, by name and version")
            .WithExamples("envtool store list", "envtool store list --format json");
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var rows = store.ListArtifacts()
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Version, StringComparer.Ordinal).ThenBy(a => a.FileName, StringComparer.Ordinal)
                .Select(a => new StoreListRow(a.Name, a.Version, a.FileName, a.Sha256, a.Size, a.Labels, a.ImportedAt, a.LastUsedAt, a.HasEntry, a.Retained))
                .ToList();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new StoreListOutput(rows), StoreJsonContext.Default.StoreListOutput));
                return 0;
            }
            if (Terminal.StdoutIsTerminal)
            {
                var table = new Table().Border(TableBorder.Simple);
                foreach (var column in new[] { "Name", "Version", "File", "sha256", "Size" }) table.AddColumn(column);
                foreach (var r in rows)
                    table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Version), Markup.Escape(r.FileName), r.Sha256[..16], Bytes.Format(r.Size));
                AnsiConsole.Write(table);
            }
            else
            {
                foreach (var r in rows)
                    Console.Out.WriteLine($"{r.Name} {r.Version}  {r.FileName}  sha256:{r.Sha256}  {r.Size.ToString(CultureInfo.InvariantCulture)}"
                        + (r.HasEntry ? "" : "  (no entry)"));
            }
            return 0;
        }));
        return command;
    }
}
