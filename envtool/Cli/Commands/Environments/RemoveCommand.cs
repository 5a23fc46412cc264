using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool remove [--env PATH] NAME...</c>: a new generation without the named packages.</summary>
public static class RemoveCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var names = new Argument<string[]>("NAME") { Description = "Packages to remove, by name", Arity = ArgumentArity.OneOrMore };
        var command = new Command("remove",
                "Remove packages from an environment as a new generation. Packages that depend on them are not "
                + "removed or checked yet. The previous generation stays available to `envtool rollback`.")
            .WithExamples("envtool remove demo", "envtool remove --env /opt/app/env flask click");
        command.Options.Add(env);
        command.Arguments.Add(names);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            using var store = StoreLocation.Open(parse);
            var manager = new EnvironmentManager(store);
            var result = EnvironmentOutput.WithProgress(progress => manager.Remove(display, parse.GetValue(names) ?? [], CommandLineText.Current(), progress));
            return InstallCommand.Report(display, result, "Removed", "from");
        }));
        return command;
    }
}
