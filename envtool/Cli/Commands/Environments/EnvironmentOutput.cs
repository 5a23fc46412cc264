using System.Globalization;
using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Store.Environments;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Environments;

/// <summary>
/// What the environment commands print: on stderr (so stdout stays the result) a progress bar for
/// the current step on a terminal, or one plain line per step otherwise; short result lines in the
/// style of uv on stdout either way.
/// </summary>
internal static class EnvironmentOutput
{
    /// <summary>Runs <paramref name="body"/> with progress shown on stderr: a bar on a terminal, plain lines otherwise.</summary>
    public static T WithProgress<T>(Func<IProgress<EnvironmentProgress>?, T> body)
    {
        if (!Terminal.StderrIsTerminal) return body(new LineProgress());
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = Terminal.UseColor(true) ? AnsiSupport.Detect : AnsiSupport.No,
        });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context => result = body(new BarProgress(context.AddTask("starting", maxValue: 1))));
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
        // One write for the whole list: Console.Out flushes every line, and a hundred packages were a
        // hundred write(2) calls, half a millisecond of a 10 ms command.
        if (change.Changes.Count > 0)
            Console.Out.Write(string.Concat(change.Changes.Select(c => Line(c) + "\n")));
    }

    public static string Package(TreePackage p) => $"{p.Name} {p.Version}";

    /// <summary>One bar whose label is the current step; a step without a count is shown as indeterminate.</summary>
    private sealed class BarProgress(ProgressTask task) : IProgress<EnvironmentProgress>
    {
        private readonly Lock _lock = new();

        public void Report(EnvironmentProgress value)
        {
            lock (_lock)
            {
                task.Description = Markup.Escape(value.Step);
                task.IsIndeterminate = value.Total <= 0;
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = Math.Min(value.Done, task.MaxValue);
            }
        }
    }

    /// <summary>Not a terminal: each new step once, as a plain line ("download 3 wheels"), without counts.</summary>
    private sealed class LineProgress : IProgress<EnvironmentProgress>
    {
        private readonly Lock _lock = new();
        private string? _last;

        public void Report(EnvironmentProgress value)
        {
            lock (_lock)
            {
                if (value.Step == _last) return;
                _last = value.Step;
                Console.Error.WriteLine(value.Step);
            }
        }
    }
}
