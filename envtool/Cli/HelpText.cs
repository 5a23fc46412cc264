using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace EnvTool.Cli;

/// <summary>
/// Every command's `--help` ends with examples. They are kept beside the command, not in its
/// description, so the parent's command list stays one line per command.
/// </summary>
public static class HelpText
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    public static T WithExamples<T>(this T command, params string[] examples) where T : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> ExamplesOf(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];

    /// <summary>Makes every `--help` under <paramref name="root"/> print the examples after the usual text.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard)
                help.Action = new HelpWithExamples(standard);
    }

    private sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            var examples = ExamplesOf(parseResult.CommandResult.Command);
            if (examples.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples) output.WriteLine("  " + example);
                output.WriteLine();
            }
            return result;
        }
    }
}
