using System.CommandLine;

namespace EnvTool.Cli;

/// <summary>Every command's help ends with examples; this is the one place that formats them.</summary>
public static class HelpText
{
    public static T WithExamples<T>(this T command, params string[] examples) where T : Command
    {
        command.Description = command.Description + Environment.NewLine + Environment.NewLine + "Examples:"
            + string.Concat(examples.Select(e => Environment.NewLine + "  " + e));
        return command;
    }
}
