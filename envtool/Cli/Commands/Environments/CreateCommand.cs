using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Environments.Activation;
using EnvTool.Install;
using EnvTool.Python;
using EnvTool.Standards.Locks;
using EnvTool.Store.Errors;
using EnvTool.Store.Trees;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool create [PATH] [REQ...]</c>: a new environment, generation 1.</summary>
public static class CreateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "Where the environment goes (a symlink into the store); may be left out when the first REQ is a wheel file", DefaultValueFactory = _ => EnvironmentOption.DefaultPath };
        var packages = SourceOptions.Requirements();
        var lockFile = new Option<string?>("--lock") { Description = "Install exactly what this PEP 751 lock file (pylock.toml) names, with no resolution" };
        var python = SourceOptions.Python();
        var linkMode = new Option<string>("--link-mode") { Description = "How the tree gets files from the store: auto (default: clone where the file system can, else hardlink), hardlink, clone, symlink (fragile: some packages resolve their own paths), copy", DefaultValueFactory = _ => "auto" };
        linkMode.AcceptOnlyFromAmong("hardlink", "clone", "symlink", "copy", "auto");
        var noCompile = new Option<bool>("--no-compile") { Description = "Do not link precompiled bytecode (.pyc) into the environment" };
        var clone = new Option<string?>("--clone") { Description = "Make PATH a copy of this environment: its packages, interpreter and link mode (one symlink: they share the tree until either changes)" };

        var command = new Command("create",
                "Create a Python environment at PATH (default .venv) with the given packages and their dependencies. "
                + "It is a versioned, read-only venv: change it with install, remove and rollback. "
                + "Activate it with `source PATH/bin/activate` (bash, zsh), activate.fish, activate.csh, activate.nu or Activate.ps1. "
                + ActivationScripts.Limitations)
            .WithExamples(
                "envtool create                                  # .venv with the default Python",
                "envtool create .venv flask --index-url https://example.org/simple",
                "envtool create .venv dist/demo-1.0-py3-none-any.whl --python 3.11",
                "envtool create /opt/app/env -r requirements.txt --link-mode copy",
                "envtool create .venv --lock pylock.toml",
                "envtool create ../review/.venv --clone .venv",
                "source .venv/bin/activate");
        command.Arguments.Add(path);
        command.Arguments.Add(packages);
        command.Options.Add(lockFile);
        command.Options.Add(python);
        command.Options.Add(linkMode);
        command.Options.Add(noCompile);
        command.Options.Add(clone);
        var sourceOptions = SourceOptions.AddTo(command, SourceScope.Install);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var (display, named) = SplitPath(parse.GetValue(path)!, parse.GetValue(packages) ?? []);
            var inputs = sourceOptions.Inputs(parse, named);
            var pythonText = parse.GetValue(python);
            var request = new CreateRequest(
                display, inputs.Requests,
                pythonText is null ? InterpreterRequest.Any : InterpreterRequest.Parse(pythonText),
                LinkModes.Parse(parse.GetValue(linkMode)!)!.Value,
                Compile: !parse.GetValue(noCompile),
                CommandLineText.Current());
            var original = parse.GetValue(clone);
            if (original is not null && (inputs.Requests.Count > 0 || parse.GetValue(lockFile) is not null || pythonText is not null
                                         || parse.GetResult(linkMode) is { Implicit: false } || parse.GetValue(noCompile)))
                throw new EnvToolException($"--clone takes everything from '{original}': it cannot be combined with requirements, -r, --lock, --python, --link-mode or --no-compile",
                    "drop those options, or create without --clone", exitCode: 2);
            using var store = StoreLocation.Open(parse);
            if (original is not null)
            {
                Report(display, EnvironmentOutput.WithProgress(progress => new EnvironmentManager(store).Clone(original, display, request.Command, progress)));
                return 0;
            }
            var sources = sourceOptions.Sources(parse, inputs, store);
            IPackageProvider provider = new ResolverProvider(store, sources);
            if (parse.GetValue(lockFile) is { } lockPath)
            {
                var locked = PyLockReader.Read(lockPath);
                foreach (var warning in locked.Warnings) CommandRunner.Warn(warning);
                provider = new LockProvider(store, locked, sources);
            }
            var manager = new EnvironmentManager(store, provider);
            Report(display, EnvironmentOutput.WithProgress(progress => manager.Create(request, progress)));
            return 0;
        }));
        return command;
    }

    private static void Report(string display, EnvironmentChange result)
    {
        Console.Out.WriteLine($"Created {display} (generation {result.Generation.Number}) with Python {result.Interpreter!.FullVersion}: "
            + EnvironmentOutput.Count(result.Packages.Count, "package"));
        EnvironmentOutput.WriteChanges(result);
        Console.Out.WriteLine($"Activate with: source {display}/bin/activate");
    }

    /// <summary>
    /// PATH is optional before the requirements: a first argument that can only be a requirement (a
    /// wheel file, or 'name @ url') means the environment goes to .venv.
    /// </summary>
    private static (string Path, string[] Requirements) SplitPath(string first, string[] rest) =>
        first.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || first.Contains('@')
            ? (EnvironmentOption.DefaultPath, [first, .. rest])
            : (first, rest);
}
