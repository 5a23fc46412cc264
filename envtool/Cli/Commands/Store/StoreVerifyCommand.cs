using System.CommandLine;
using EnvTool.Store;
using EnvTool.Store.Verify;
using EnvTool.Wheels;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// <c>envtool store verify [--full] [--repair]</c>: checks objects, entries and debris; prints each
/// problem with its path; exits 1 while any problem remains unrepaired.
/// </summary>
public static class StoreVerifyCommand
{
    public static Command Create()
    {
        var full = new Option<bool>("--full") { Description = "Re-hash every object, not only those changed since they were last verified" };
        var repair = new Option<bool>("--repair") { Description = "Fix what can be fixed: drop corrupt objects, rebuild entries from retained wheels, remove debris" };
        var command = new Command("verify", "Check the store: object hashes, entries against the catalog, leftovers of interrupted work")
            .WithExamples("envtool store verify", "envtool store verify --full", "envtool store verify --repair");
        command.Options.Add(full);
        command.Options.Add(repair);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var options = new VerifyOptions
            {
                Full = parse.GetValue(full),
                Repair = parse.GetValue(repair),
                Reopen = (artifact, retained) => WheelImporter.ReopenRetained(artifact, retained, store.Options),
            };
            var report = Terminal.StderrIsTerminal ? VerifyWithProgressBars(store, options) : store.Verify(options);

            foreach (var problem in report.Problems)
                Console.Out.WriteLine($"{(problem.Repaired ? "repaired" : "problem ")}  {Describe(problem.Kind)}: {problem.Path}: {problem.Detail}");
            foreach (var rebuilt in report.EntriesRebuilt)
                Console.Out.WriteLine($"rebuilt   entry {rebuilt}");
            var remaining = report.Problems.Count(p => !p.Repaired);
            Console.Out.WriteLine(
                $"{report.ObjectsChecked} objects checked ({report.ObjectsHashed} re-hashed), {report.EntriesChecked} entries checked: "
                + (report.IsClean ? "the store is clean"
                   : remaining == 0 ? $"{report.Problems.Count} problems, all repaired"
                   : $"{remaining} problems remain" + (options.Repair ? "" : " (run `envtool store verify --repair`)")));
            return remaining == 0 ? 0 : 1;
        }));
        return command;
    }

    private static VerifyReport VerifyWithProgressBars(ContentStore store, VerifyOptions options)
    {
        VerifyReport? report = null;
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            report = store.Verify(options, new Progress(context, tasks));
        });
        return report!;
    }

    private static string Describe(VerifyProblemKind kind) => kind switch
    {
        VerifyProblemKind.CorruptObject => "corrupt object",
        VerifyProblemKind.MissingObject => "missing object",
        VerifyProblemKind.WrongMode => "writable object",
        VerifyProblemKind.MissingEntryDirectory => "missing entry",
        VerifyProblemKind.MissingEntryFile => "missing entry file",
        VerifyProblemKind.EntryFileMismatch => "altered entry file",
        VerifyProblemKind.ExtraEntryFile => "extra entry file",
        VerifyProblemKind.OrphanEntryDirectory => "uncatalogued entry",
        VerifyProblemKind.OrphanObject => "uncatalogued object",
        VerifyProblemKind.StaleStaging => "stale staging",
        _ => kind.ToString(),
    };

    /// <summary>One bar per verify phase, fed synchronously from the verifying thread.</summary>
    private sealed class Progress(ProgressContext context, Dictionary<string, ProgressTask> tasks) : IProgress<VerifyProgress>
    {
        public void Report(VerifyProgress value)
        {
            lock (tasks)
            {
                if (!tasks.TryGetValue(value.Phase, out var task))
                    tasks[value.Phase] = task = context.AddTask(Markup.Escape(value.Phase), maxValue: Math.Max(1, value.Total));
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = value.Done;
            }
        }
    }
}
