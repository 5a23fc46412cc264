using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool install [--env PATH] REQ...</c>: a new generation with packages added or replaced.</summary>
public static class InstallCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var packages = new Argument<string[]>("REQ") { Description = "Wheel files to install (paths ending in .whl, or 'name @ file:///...whl')", Arity = ArgumentArity.ZeroOrMore };
        var requirements = new Option<string[]>("--requirement", "-r") { Description = "Install from a requirements file (repeatable)" };
        var command = new Command("install",
                "Install packages into an environment as a new generation; a package of the same name is replaced. "
                + "The previous generation stays available to `envtool rollback`.")
            .WithExamples(
                "envtool install dist/demo-2.0-py3-none-any.whl",
                "envtool install --env /opt/app/env -r requirements.txt");
        command.Options.Add(env);
        command.Arguments.Add(packages);
        command.Options.Add(requirements);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            var requests = PackageRequests.From(parse.GetValue(packages), parse.GetValue(requirements));
            using var store = StoreLocation.Open(parse);
            var manager = new EnvironmentManager(store);
            var result = EnvironmentOutput.WithProgress(progress => manager.Install(display, requests, CommandLineText.Current(), progress));
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
