using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Install;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool remove [--env PATH] NAME...</c>: a new generation without the named packages.</summary>
public static class RemoveCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var names = new Argument<string[]>("NAME") { Description = "Packages to remove, by name", Arity = ArgumentArity.OneOrMore }.Refused();
        var command = new Command("remove",
                "Remove packages you asked for from an environment as a new generation. What is left is resolved again, "
                + "so dependencies nothing needs any more go too; a package another one still needs is refused. "
                + "The previous generation stays available to `envtool rollback`.")
            .WithExamples("envtool remove demo", "envtool remove --env /opt/app/env flask click --offline");
        command.Options.Add(env);
        command.Arguments.Add(names);
        var sourceOptions = SourceOptions.AddTo(command, SourceScope.Resolve);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            using var store = StoreLocation.Open(parse);
            var sources = sourceOptions.Sources(parse, sourceOptions.Inputs(parse, []), store);
            var manager = new EnvironmentManager(store, new ResolverProvider(store, sources));
            var result = EnvironmentOutput.WithProgress(progress => manager.Remove(display, parse.GetValue(names) ?? [], CommandLineText.Current(), progress));
            return InstallCommand.Report(display, result, "Removed", "from");
        }));
        return command;
    }
}
