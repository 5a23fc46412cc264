using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Install;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool install [--env PATH] REQ...</c>: a new generation with packages added or replaced.</summary>
public static class InstallCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var packages = SourceOptions.Requirements();
        var command = new Command("install",
                "Install packages into an environment as a new generation. What you name joins what you asked for before, "
                + "and the whole set is resolved again, keeping installed versions wherever they still fit. "
                + "The previous generation stays available to `envtool rollback`.")
            .WithExamples(
                "envtool install requests",
                "envtool install 'flask>=3' --index-url https://example.org/simple",
                "envtool install dist/demo-2.0-py3-none-any.whl",
                "envtool install --env /opt/app/env -r requirements.txt --require-hashes");
        command.Options.Add(env);
        command.Arguments.Add(packages);
        var sourceOptions = SourceOptions.AddTo(command, SourceScope.Install);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            var inputs = sourceOptions.Inputs(parse, parse.GetValue(packages) ?? []);
            using var store = StoreLocation.Open(parse);
            var manager = new EnvironmentManager(store, new ResolverProvider(store, sourceOptions.Sources(parse, inputs, store)));
            var result = EnvironmentOutput.WithProgress(progress => manager.Install(display, inputs.Requests, CommandLineText.Current(), progress));
            return Report(display, result, "Installed", "into");
        }));
        return command;
    }

    /// <summary>"Installed 2 packages into .venv (generation 3)" plus one line per change, or that nothing changed.</summary>
    internal static int Report(string display, EnvironmentChange result, string verb, string preposition)
    {
        if (!result.Changed)
        {
            Console.Out.WriteLine($"Nothing to change: {display} stays at generation {result.Generation.Number}");
            return 0;
        }
        Console.Out.WriteLine($"{verb} {EnvironmentOutput.Count(result.Changes.Count, "package")} {preposition} {display} (generation {result.Generation.Number})");
        EnvironmentOutput.WriteChanges(result);
        return 0;
    }
}
