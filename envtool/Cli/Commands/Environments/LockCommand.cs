using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Install;
using EnvTool.Python;
using EnvTool.Resolve;
using EnvTool.Running;
using EnvTool.Standards;
using EnvTool.Standards.Locks;
using EnvTool.Standards.Scripts;
using EnvTool.Store.Errors;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool lock [REQ...] [-r FILE] [-o pylock.toml]</c> (or <c>--script SCRIPT</c>): resolve and write a PEP 751 lock file.</summary>
public static class LockCommand
{
    public static Command Create()
    {
        var packages = SourceOptions.Requirements();
        var output = new Option<string>("--output", "-o") { Description = "The lock file to write; the versions it already names are preferred", DefaultValueFactory = _ => "pylock.toml" };
        var python = SourceOptions.Python();
        var pythonVersion = new Option<string?>("--python-version") { Description = "Lock for a CPython X.Y on this platform, without that interpreter installed" };
        var script = new Option<string?>("--script") { Description = "Lock a script's inline dependencies (PEP 723) to SCRIPT.lock, which `envtool run SCRIPT` then installs exactly" };
        var command = new Command("lock",
                "Resolve requirements for one interpreter and write a PEP 751 lock file (pylock.toml): every package with its version, "
                + "wheel URL or path, size and sha256. Install it with `envtool sync` or `envtool create --lock`.")
            .WithExamples(
                "envtool lock flask --index-url https://example.org/simple",
                "envtool lock -r requirements.txt -o pylock.toml --python 3.12",
                "envtool lock -r requirements.txt --python-version 3.9 --find-links ./wheels",
                "envtool lock --script tool.py                   # writes tool.py.lock");
        command.Arguments.Add(packages);
        command.Options.Add(output);
        command.Options.Add(python);
        command.Options.Add(pythonVersion);
        command.Options.Add(script);
        var sourceOptions = SourceOptions.AddTo(command, SourceScope.Install);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var scriptPath = parse.GetValue(script);
            var metadata = scriptPath is null ? null : ScriptMetadata.Read(scriptPath);
            var outputPath = Path.GetFullPath(scriptPath is not null && parse.GetResult(output) is null or { Implicit: true }
                ? RunPlan.LockPathFor(scriptPath)
                : parse.GetValue(output)!);
            var inputs = sourceOptions.Inputs(parse, parse.GetValue(packages) ?? []);
            var requests = scriptPath is null ? inputs.Requests : [.. RunPlan.ScriptRequests(metadata, scriptPath), .. inputs.Requests];
            var target = Target(parse.GetValue(python), parse.GetValue(pythonVersion), scriptPath, metadata?.RequiresPython);
            var previous = Previous(outputPath);
            using var store = StoreLocation.Open(parse);
            var sources = sourceOptions.Sources(parse, inputs, store);
            if (scriptPath is not null) sources = RunPlan.WithScriptSources(sources, metadata, scriptPath);
            var locked = EnvironmentOutput.WithProgress(progress =>
                Locker.LockAsync(requests, sources, target, Path.GetDirectoryName(outputPath)!, previous, progress, CancellationToken.None)
                    .GetAwaiter().GetResult());
            PyLockWriter.Save(locked, outputPath);
            Console.Out.WriteLine($"Locked {EnvironmentOutput.Count(locked.Packages.Count, "package")} to {(scriptPath is null ? parse.GetValue(output) : outputPath)}");
            var before = (previous?.Packages ?? []).ToDictionary(p => p.Name.Normalized, p => p.Version?.ToString(), StringComparer.Ordinal);
            foreach (var package in locked.Packages.OrderBy(p => p.Name.Normalized, StringComparer.Ordinal))
            {
                var (name, version) = (package.Name.Normalized, package.Version!.ToString());
                var line = previous is null ? $" {name} {version}"
                    : !before.TryGetValue(name, out var old) ? $" + {name} {version}"
                    : old != version ? $" ~ {name} {old} -> {version}"
                    : $"   {name} {version}";
                Console.Out.WriteLine(line);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// A version (--python-version), else an interpreter: for a script, the one `envtool run` would
    /// choose (its requires-python counts), so the lock fits the run.
    /// </summary>
    private static ResolveTarget Target(string? python, string? pythonVersion, string? scriptPath, string? requiresPython)
    {
        if (python is not null && pythonVersion is not null)
            throw new EnvToolException("--python and --python-version were both given", "lock for an interpreter (--python) or for a version (--python-version), not both");
        if (pythonVersion is not null) return ResolveTarget.ForPythonVersion(pythonVersion);
        if (scriptPath is not null) return ResolveTarget.For(RunInterpreter.Choose(python, requiresPython, scriptPath));
        var request = python is null ? InterpreterRequest.Any : InterpreterRequest.Parse(python);
        return ResolveTarget.For(InterpreterDiscovery.FromProcess().Find(request));
    }

    /// <summary>The lock already at the output path, for its versions; a file that cannot be read is replaced, with a warning.</summary>
    private static PyLock? Previous(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return PyLockReader.Read(path);
        }
        catch (FileParseException e)
        {
            CommandRunner.Warn($"{e.Message}; it will be replaced without preferring its versions");
            return null;
        }
    }
}
