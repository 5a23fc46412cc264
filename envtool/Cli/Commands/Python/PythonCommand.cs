using System.CommandLine;

namespace EnvTool.Cli.Commands.Python;

/// <summary><c>envtool python</c>: the interpreters envtool can build environments from.</summary>
public static class PythonCommand
{
    public static Command Create()
    {
        var command = new Command("python", "Find and inspect the Python interpreters on this machine")
            .WithExamples("envtool python list", "envtool python find 3.12");
        command.Subcommands.Add(PythonListCommand.Create());
        command.Subcommands.Add(PythonFindCommand.Create());
        return command;
    }
}
