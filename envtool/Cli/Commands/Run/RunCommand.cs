using System.CommandLine;
using EnvTool.Running;
using EnvTool.Store.Errors;

namespace EnvTool.Cli.Commands.Run;

/// <summary>
/// <c>envtool run SCRIPT [ARGS...]</c> and <c>envtool run -- COMMAND [ARGS...]</c>: the program runs in
/// an ephemeral environment made from the script's PEP 723 block and --with, in place of envtool
/// (exec: same pid, exit code, signals and terminal).
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var program = new Argument<string?>("SCRIPT") { Description = "The script (a .py file), or after `--` a command from the environment's bin/ or PATH", Arity = ArgumentArity.ZeroOrOne };
        var arguments = new Argument<string[]>("ARGS") { DefaultValueFactory = _ => [], Description = "Passed to the script or command as they are", Arity = ArgumentArity.ZeroOrMore };
        var options = new EphemeralOptions();
        var command = new Command("run",
                "Run a Python script in an ephemeral environment holding what its inline metadata (PEP 723) asks for, "
                + "plus --with. Environments are kept by content in the store and shared by scripts with the same needs; "
                + "the script replaces envtool, so its exit code, input, output and signals are its own. "
                + "A shebang `#!/usr/bin/env -S envtool run` makes a script runnable by itself.")
            .WithExamples(
                "envtool run script.py arg1 arg2",
                "envtool run --with rich --python 3.12 script.py",
                "envtool run --with httpie -- http --version",
                "echo data | envtool run transform.py > out.txt",
                "#!/usr/bin/env -S envtool run              # first line of an executable script")
            .PassingThrough();
        command.Arguments.Add(program);
        command.Arguments.Add(arguments);
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var invocation = PassThroughArguments.Current
                ?? throw new EnvToolException("name a script to run, or `--` and a command", "envtool run script.py, or envtool run --with black -- black --version", CommandRunner.UsageError);
            var isScript = !invocation.AfterDoubleDash
                && (invocation.Program.EndsWith(".py", StringComparison.OrdinalIgnoreCase) || File.Exists(invocation.Program));
            if (isScript && !File.Exists(invocation.Program))
                throw new EnvToolException($"no script '{invocation.Program}'");

            return EphemeralOptions.Exec(parse, (store, runner) =>
            {
                var runOptions = options.Read(parse, store);
                var plan = isScript ? RunPlan.ForScript(invocation.Program, runOptions) : RunPlan.ForRequests([], runOptions);
                var environment = runner.Prepare(plan, runOptions.Python);
                return isScript
                    ? ProgramLaunch.Script(environment, invocation.Program, invocation.Arguments)
                    : ProgramLaunch.Command(environment, invocation.Program, invocation.Arguments, searchPath: true);
            });
        }));
        return command;
    }
}
