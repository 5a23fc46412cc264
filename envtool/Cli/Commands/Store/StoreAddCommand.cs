using System.CommandLine;
using EnvTool.Store;
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
        var wheels = new Argument<string[]>("wheel") { Description = "Wheel files to import", Arity = ArgumentArity.OneOrMore };
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
            var paths = parse.GetValue(wheels) ?? [];
            var failures = Terminal.StderrIsTerminal && Terminal.StdoutIsTerminal
                ? ImportWithProgressBars(importer, paths)
                : ImportWithLines(importer, paths);
            foreach (var failure in failures) CommandRunner.Report(failure.Message, failure.Hint);
            return failures.Count == 0 ? 0 : failures[0].ExitCode;
        }));
        return command;
    }

    private static List<EnvToolException> ImportWithLines(WheelImporter importer, IReadOnlyList<string> paths)
    {
        var failures = new List<EnvToolException>();
        foreach (var path in paths)
        {
            try
            {
                Console.Out.WriteLine(Describe(importer.Import(path)));
            }
            catch (EnvToolException e)
            {
                failures.Add(e);
            }
        }
        return failures;
    }

    private static List<EnvToolException> ImportWithProgressBars(WheelImporter importer, IReadOnlyList<string> paths)
    {
        var failures = new List<EnvToolException>();
        var done = new List<string>();
        AnsiConsole.Progress().AutoClear(true).Start(context =>
        {
            foreach (var path in paths)
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 1);
                try
                {
                    var import = importer.Import(path, new Progress(task));
                    done.Add(Describe(import));
                }
                catch (EnvToolException e)
                {
                    failures.Add(e);
                }
                task.Value = task.MaxValue;
                task.StopTask();
            }
        });
        foreach (var line in done) Console.Out.WriteLine(line);
        return failures;
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
