using System.CommandLine;
using System.CommandLine.Parsing;

namespace EnvTool.Cli;

/// <summary>
/// List arguments that must not swallow a mistyped option. System.CommandLine hands a token such as
/// `--no-compile` to a list argument when the command has no option of that name, so `envtool
/// install --no-compile flask` failed later with "invalid requirement '--no-compile'". Requirements,
/// package names and wheel paths never start with '-', so such a value is reported at parse time as
/// the unknown option it is, as pip and uv do (a file whose name starts with '-' is still reachable
/// as ./-name).
/// </summary>
internal static class OptionLikeValues
{
    public static Argument<string[]> Refused(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                {
                    var command = CommandLine(result.Parent);
                    result.AddError($"unknown option '{token.Value}' for `{command}`: see `{command} --help` for its options");
                }
        });
        return argument;
    }

    /// <summary>"envtool store add": the names of the command and the commands above it.</summary>
    private static string CommandLine(SymbolResult? result)
    {
        var names = new List<string>();
        for (var r = result; r is CommandResult command; r = command.Parent) names.Add(command.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
