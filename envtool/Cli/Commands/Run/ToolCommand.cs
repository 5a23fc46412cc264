using System.CommandLine;
using EnvTool.Running;
using EnvTool.Store.Errors;

namespace EnvTool.Cli.Commands.Run;

/// <summary>
/// <c>envtool x TOOL[@VERSION] [ARGS...]</c> (also <c>envtool tool run</c>): a package's console
/// script, run in an ephemeral environment holding that package.
/// </summary>
public static class ToolCommand
{
    /// <summary>`envtool x`.</summary>
    public static Command CreateX() => Create("x");

    /// <summary>`envtool tool`, whose `run` is `x`.</summary>
    public static Command CreateToolGroup()
    {
        var group = new Command("tool", "Run tools (console scripts of packages) in ephemeral environments")
            .WithExamples("envtool tool run black --version", "envtool tool run ruff@0.6.9 check .");
        group.Subcommands.Add(Create("run"));
        return group;
    }

    private static Command Create(string name)
    {
        var tool = new Argument<string?>("TOOL") { Description = "The command, and the package of the same name: black, black@24.2.0 (pins ==24.2.0), 'black>=24'", Arity = ArgumentArity.ZeroOrOne };
        var arguments = new Argument<string[]>("ARGS") { DefaultValueFactory = _ => [], Description = "Passed to the tool as they are", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string?>("--from") { Description = "The package providing TOOL, when its name differs (a requirement or a wheel)" };
        var options = new EphemeralOptions();
        var command = new Command(name,
                "Run a package's console script in an ephemeral environment, without installing it anywhere. "
                + "The environment is kept by content in the store and reused by the next run.")
            .WithExamples(
                $"envtool {(name == "x" ? "x" : "tool run")} black --version",
                $"envtool {(name == "x" ? "x" : "tool run")} black@24.2.0 --check .",
                $"envtool {(name == "x" ? "x" : "tool run")} --from httpie http --version",
                $"envtool {(name == "x" ? "x" : "tool run")} --with black-plugin black src/")
            .PassingThrough();
        command.Arguments.Add(tool);
        command.Arguments.Add(arguments);
        command.Options.Add(from);
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var invocation = PassThroughArguments.Current
                ?? throw new EnvToolException("name a tool to run", "envtool x black --version", CommandRunner.UsageError);
            var spec = ToolSpec.Parse(invocation.Program, parse.GetValue(from));
            return EphemeralOptions.Exec(parse, (store, runner) =>
            {
                var runOptions = options.Read(parse, store);
                var environment = runner.Prepare(RunPlan.ForRequests([spec.Package], runOptions), runOptions.Python);
                return ProgramLaunch.Command(environment, spec.Command, invocation.Arguments, searchPath: false, () =>
                    ProgramLaunch.Commands(environment) is { Count: > 0 } commands
                        ? $"its commands are: {string.Join(", ", commands)}; pick one with `envtool x --from {spec.Package.Text} COMMAND`"
                        : $"'{spec.Package.Text}' provides no commands");
            });
        }));
        return command;
    }
}
