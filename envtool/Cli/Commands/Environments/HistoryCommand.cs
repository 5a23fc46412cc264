using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Store.Environments;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool history [--env PATH]</c>: every generation, when and how it was made, what changed.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var format = OutputFormatOption.Create();
        var command = new Command("history", "Show an environment's generations: when, by which command, and which packages changed")
            .WithExamples("envtool history", "envtool history --env /opt/app/env --format json", "envtool rollback --to 2");
        command.Options.Add(env);
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            using var store = StoreLocation.Open(parse);
            var history = new EnvironmentManager(store).History(display);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var output = new HistoryOutput(history.Path, history.Current, history.Generations.Select(g => new GenerationRow(
                    g.Number, g.Parent, g.Number == history.Current, g.CreatedAt, g.Command, g.Restores, g.TreeKey,
                    g.Changes.Select(c => new ChangeRow(Kind(c.Kind), c.Name, c.Before, c.After)).ToList())).ToList());
                Console.Out.WriteLine(JsonSerializer.Serialize(output, EnvironmentJsonContext.Default.HistoryOutput));
                return 0;
            }
            foreach (var g in history.Generations)
            {
                var marker = g.Number == history.Current ? " (current)" : "";
                var restored = g.Restores is { } r ? $"  [rollback to {r}]" : "";
                Console.Out.WriteLine($"{g.Number}{marker}  {g.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}  {g.Command}{restored}");
                foreach (var c in g.Changes) Console.Out.WriteLine("  " + EnvironmentOutput.Line(c));
            }
            return 0;
        }));
        return command;
    }

    private static string Kind(GenerationChangeKind kind) => kind switch
    {
        GenerationChangeKind.Added => "added",
        GenerationChangeKind.Removed => "removed",
        _ => "changed",
    };
}
