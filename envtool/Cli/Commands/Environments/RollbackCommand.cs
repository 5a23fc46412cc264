using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool rollback [--env PATH] [--to N]</c>: back to an earlier generation's packages.</summary>
public static class RollbackCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var to = new Option<int?>("--to") { Description = "The generation to go back to (default: the one before the current)" };
        var command = new Command("rollback",
                "Switch an environment back to an earlier generation's packages, atomically and offline. "
                + "The rollback is recorded as a new generation, so history shows it and another rollback undoes it.")
            .WithExamples("envtool rollback", "envtool rollback --to 2", "envtool history   # to see the generations");
        command.Options.Add(env);
        command.Options.Add(to);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            using var store = StoreLocation.Open(parse);
            var manager = new EnvironmentManager(store);
            var result = EnvironmentOutput.WithProgress(progress => manager.Rollback(display, parse.GetValue(to), CommandLineText.Current(), progress));
            if (!result.Changed)
            {
                Console.Out.WriteLine($"Nothing to change: {display} at generation {result.Generation.Number} already has those packages");
                return 0;
            }
            Console.Out.WriteLine($"Rolled back {display} to generation {result.Generation.Restores} (now generation {result.Generation.Number})");
            EnvironmentOutput.WriteChanges(result);
            return 0;
        }));
        return command;
    }
}
