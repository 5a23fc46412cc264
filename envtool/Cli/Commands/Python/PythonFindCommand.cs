using System.CommandLine;
using EnvTool.Python;

namespace EnvTool.Cli.Commands.Python;

/// <summary><c>envtool python find [REQUEST]</c>: prints the path of the interpreter a request selects.</summary>
public static class PythonFindCommand
{
    public static Command Create()
    {
        var request = new Argument<string?>("REQUEST")
        {
            Description = "What to look for: 3.11, >=3.10,<3.12, cpython@3.11, cp311, pypy3.10, python3.11, or a path "
                + "(default: the nearest .python-version, else the first python3 on PATH)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("find", "Print the path of the Python interpreter that best matches REQUEST")
            .WithExamples(
                "envtool python find            # the default interpreter",
                "envtool python find 3.10       # the newest 3.10.x",
                "envtool python find '>=3.11,<3.13'",
                "envtool python find pypy@3.10");
        command.Arguments.Add(request);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var text = parse.GetValue(request);
            var parsed = text is null ? InterpreterRequest.Any : InterpreterRequest.Parse(text);
            var info = InterpreterDiscovery.FromProcess().Find(parsed);
            Console.Out.WriteLine(info.Executable);
            return 0;
        }));
        return command;
    }
}
