using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnvTool.Python;
using EnvTool.Store.Errors;
using Spectre.Console;

namespace EnvTool.Cli.Commands.Python;

/// <summary><c>envtool python list</c>: every interpreter discovery finds, marking the default one.</summary>
public static class PythonListCommand
{
    public static Command Create()
    {
        var format = OutputFormatOption.Create();
        var command = new Command("list", "List the Python interpreters envtool finds (PATH, pyenv, /usr/bin), newest discovery first; "
                + "the default is what `envtool python find` picks with no request")
            .WithExamples("envtool python list", "envtool python list --format json");
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var discovery = InterpreterDiscovery.FromProcess();
            var all = discovery.FindAll();
            InterpreterInfo? preferred = null;
            try { preferred = discovery.Find(InterpreterRequest.Any); }
            catch (EnvToolException e) { CommandRunner.Warn($"no default interpreter: {e.Message}"); }

            var rows = all.Found.Select(f => new PythonListRow(
                f.Info.FullVersion, f.Info.Implementation, f.Info.Executable, f.Info.RealExecutable,
                SourceName(f.Source), preferred is not null && preferred.RealExecutable == f.Info.RealExecutable)).ToList();
            // A default chosen by path or .python-version may be an interpreter discovery does not list.
            if (preferred is not null && !rows.Any(r => r.Default))
                rows.Insert(0, new PythonListRow(preferred.FullVersion, preferred.Implementation, preferred.Executable,
                    preferred.RealExecutable, SourceName(InterpreterSource.Requested), true));
            var skipped = all.Skipped.Select(s => new PythonSkippedRow(s.Path, s.Reason)).ToList();

            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new PythonListOutput(rows, skipped), PythonListJsonContext.Default.PythonListOutput));
                return 0;
            }
            foreach (var s in skipped) CommandRunner.Warn($"skipped {s.Path}: {s.Reason}");
            if (Terminal.StdoutIsTerminal) WriteTable(rows); else WriteLines(rows);
            return 0;
        }));
        return command;
    }

    private static string SourceName(InterpreterSource source) => source switch
    {
        InterpreterSource.Requested => "requested",
        InterpreterSource.VirtualEnvBase => "active venv's base",
        InterpreterSource.SearchPath => "PATH",
        InterpreterSource.Pyenv => "pyenv",
        InterpreterSource.System => "system",
        _ => source.ToString(),
    };

    private static void WriteTable(IReadOnlyList<PythonListRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "", "Version", "Implementation", "Path", "Found on" }) table.AddColumn(column);
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Default ? "*" : ""), Markup.Escape(r.Version), Markup.Escape(r.Implementation),
                Markup.Escape(r.Path), Markup.Escape(r.Source));
        AnsiConsole.Write(table);
    }

    /// <summary>One aligned line per interpreter for pipes and logs: version, implementation, path, then "(default)".</summary>
    private static void WriteLines(IReadOnlyList<PythonListRow> rows)
    {
        var versionWidth = rows.Select(r => r.Version.Length).DefaultIfEmpty(0).Max();
        var implementationWidth = rows.Select(r => r.Implementation.Length).DefaultIfEmpty(0).Max();
        foreach (var r in rows)
            Console.Out.WriteLine($"{r.Version.PadRight(versionWidth)}  {r.Implementation.PadRight(implementationWidth)}  {r.Path}"
                + (r.Default ? "  (default)" : ""));
    }
}

internal sealed record PythonListRow(string Version, string Implementation, string Path, string RealPath, string Source, bool Default);

internal sealed record PythonSkippedRow(string Path, string Reason);

internal sealed record PythonListOutput(IReadOnlyList<PythonListRow> Interpreters, IReadOnlyList<PythonSkippedRow> Skipped);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PythonListOutput))]
internal sealed partial class PythonListJsonContext : JsonSerializerContext;
