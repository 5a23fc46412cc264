using System.Globalization;
using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Store.Environments;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Environments;

/// <summary>
/// What the environment commands print: a spinner naming the current step on a terminal (on
/// stderr, so stdout stays the result), short result lines in the style of uv either way.
/// </summary>
internal static class EnvironmentOutput
{
    /// <summary>Runs <paramref name="body"/> with progress shown when stderr is a terminal.</summary>
    public static T WithProgress<T>(Func<IProgress<EnvironmentProgress>?, T> body)
    {
        if (!Terminal.StderrIsTerminal) return body(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = Terminal.UseColor(true) ? AnsiSupport.Detect : AnsiSupport.No,
        });
        T result = default!;
        console.Status().Start("Starting", context => result = body(new StatusProgress(context)));
        return result;
    }

    public static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n.ToString(CultureInfo.InvariantCulture)} {what}s";

    /// <summary>" + flask 3.1.3", " - idna 3.7", " ~ demo 1.0 -> 2.0".</summary>
    public static string Line(GenerationChange change) => change.Kind switch
    {
        GenerationChangeKind.Added => $" + {change.Name} {change.After}",
        GenerationChangeKind.Removed => $" - {change.Name} {change.Before}",
        _ => change.Before == change.After
            ? $" ~ {change.Name} {change.After} (different wheel)"
            : $" ~ {change.Name} {change.Before} -> {change.After}",
    };

    public static void WriteChanges(EnvironmentChange change)
    {
        foreach (var warning in change.Warnings) CommandRunner.Warn(warning);
        foreach (var line in change.Changes) Console.Out.WriteLine(Line(line));
    }

    public static string Package(TreePackage p) => $"{p.Name} {p.Version}";

    private sealed class StatusProgress(StatusContext context) : IProgress<EnvironmentProgress>
    {
        public void Report(EnvironmentProgress value)
        {
            var step = Markup.Escape(value.Step);
            context.Status(value.Total > 1 ? $"{step} ({value.Done}/{value.Total})" : step);
        }
    }
}
