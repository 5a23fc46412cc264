using System.CommandLine;
using EnvTool.Cli.Commands.Store;
using EnvTool.Environments;
using EnvTool.Install;
using EnvTool.Standards.Locks;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>envtool sync [--env PATH] pylock.toml</c>: a new generation with exactly the lock's packages.</summary>
public static class SyncCommand
{
    public static Command Create()
    {
        var env = EnvironmentOption.Create();
        var lockFile = new Argument<string>("LOCK") { Description = "A PEP 751 lock file", DefaultValueFactory = _ => "pylock.toml" };
        var command = new Command("sync",
                "Make an environment hold exactly what a PEP 751 lock file names for its interpreter, as a new generation, "
                + "with no resolution. Every file is checked against the lock's size and hashes before anything changes.")
            .WithExamples("envtool sync pylock.toml", "envtool sync --env /opt/app/env /srv/app/pylock.toml --offline");
        command.Options.Add(env);
        command.Arguments.Add(lockFile);
        var sourceOptions = SourceOptions.AddTo(command, SourceScope.Fetch);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var display = EnvironmentOption.Resolve(parse, env);
            var locked = PyLockReader.Read(parse.GetValue(lockFile)!);
            foreach (var warning in locked.Warnings) CommandRunner.Warn(warning);
            using var store = StoreLocation.Open(parse);
            var sources = sourceOptions.Sources(parse, RequirementInputs.None, store);
            var manager = new EnvironmentManager(store, new LockProvider(store, locked, sources));
            var result = EnvironmentOutput.WithProgress(progress => manager.Sync(display, CommandLineText.Current(), progress));
            return InstallCommand.Report(display, result, "Synced", "in");
        }));
        return command;
    }
}
