using System.CommandLine;
using EnvTool.Store;
using EnvTool.Store.Concurrency;
using EnvTool.Store.Errors;
using EnvTool.Wheels;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// <c>envtool store add WHEEL...</c>: validates and unpacks wheels into the store. Like pip with
/// several requirements, one bad wheel does not stop the others: each is reported, the good ones
/// are imported, and the exit status is non-zero if any was refused.
/// </summary>
public static class StoreAddCommand
{
    public static Command Create()
    {
        var wheels = new Argument<string[]>("wheel") { Description = "Wheel files to import", Arity = ArgumentArity.OneOrMore }.Refused();
        var maxFiles = new Option<int?>("--max-files") { Description = "Refuse a wheel with more files than this (default 200000)" };
        var maxBytes = new Option<long?>("--max-unpacked-bytes") { Description = "Refuse a wheel that unpacks to more bytes than this (default 8 GiB)" };
        var command = new Command("add", "Validate wheels and unpack each into the store once (already present ones are skipped)")
            .WithExamples("envtool store add dist/demo-1.0-py3-none-any.whl", "envtool store add --store /srv/envtool wheels/*.whl");
        command.Arguments.Add(wheels);
        command.Options.Add(maxFiles);
        command.Options.Add(maxBytes);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var defaults = new StoreOptions();
            var options = defaults with
            {
                MaxFiles = parse.GetValue(maxFiles) ?? defaults.MaxFiles,
                MaxUnpackedBytes = parse.GetValue(maxBytes) ?? defaults.MaxUnpackedBytes,
            };
            using var store = StoreLocation.Open(parse, options);
            var importer = new WheelImporter(store);
            // A wheel named twice is imported once (in parallel, both would race and both say "added").
            var paths = (parse.GetValue(wheels) ?? []).DistinctBy(Path.GetFullPath, StringComparer.Ordinal).ToList();
            // Printed in the order the wheels were named, whichever finished first.
            var outcomes = Terminal.StderrIsTerminal && Terminal.StdoutIsTerminal
                ? ImportWithProgressBars(importer, paths)
                : ImportAll(paths, path => importer.Import(path));
            foreach (var outcome in outcomes)
                if (outcome.Import is { } import) Console.Out.WriteLine(Describe(import));
            var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();
            foreach (var failure in failures) CommandRunner.Report(failure.Message, failure.Hint);
            return failures.Count == 0 ? 0 : failures[0].ExitCode;
        }));
        return command;
    }

    private static List<Outcome> ImportWithProgressBars(WheelImporter importer, IReadOnlyList<string> paths)
    {
        List<Outcome> outcomes = [];
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            outcomes = ImportAll(paths, path =>
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 1);
                try
                {
                    return importer.Import(path, new Progress(task));
                }
                finally
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            });
        });
        return outcomes;
    }

    private sealed record Outcome(WheelImport? Import, EnvToolException? Failure);

    /// <summary>
    /// Imports the wheels one per core (unpacking and hashing is the work, and wheels are
    /// independent); a refused wheel does not stop the others. Outcomes keep the order of <paramref name="paths"/>.
    /// </summary>
    private static List<Outcome> ImportAll(IReadOnlyList<string> paths, Func<string, WheelImport> import)
    {
        var outcomes = new Outcome[paths.Count];
        ParallelWork.ForEach(Enumerable.Range(0, paths.Count), i =>
        {
            try
            {
                outcomes[i] = new Outcome(import(paths[i]), null);
            }
            catch (EnvToolException e)
            {
                outcomes[i] = new Outcome(null, e);
            }
        });
        return outcomes.ToList();
    }

    private static string Describe(WheelImport import) =>
        (import.AlreadyInStore ? "present " : "added   ")
        + $"{import.Name} {import.Version}  {import.Entry.FileCount} files  sha256:{import.Sha256[..16]}  {Path.GetFileName(import.WheelPath)}";

    /// <summary>Feeds one progress bar synchronously (IProgress&lt;T&gt;'s usual class would post to the thread pool).</summary>
    private sealed class Progress(ProgressTask task) : IProgress<WheelImportProgress>
    {
        public void Report(WheelImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.UnpackedBytes;
        }
    }
}
