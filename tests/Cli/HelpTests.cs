using System.CommandLine;
using EnvTool.Cli;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Cli;

public class HelpTests
{
    private static IEnumerable<Command> Walk(Command command) =>
        new[] { command }.Concat(command.Subcommands.SelectMany(Walk));

    [Fact]
    public void EveryCommandHasExamples()
    {
        var missing = EnvTool.Cli.Commands.CommandList.All().SelectMany(Walk)
            .Where(c => HelpText.ExamplesOf(c).Count == 0)
            .Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, "commands without examples: " + string.Join(", ", missing));
    }

    [Fact]
    public void HelpPrintsTheExamplesOfThatCommandOnly()
    {
        var store = EnvToolProcess.Run(["store", "--help"]);
        Assert.Equal(0, store.ExitCode);
        Assert.Contains("Examples:\n  envtool store add dist/*.whl\n  envtool store list", store.Stdout);
        var root = EnvToolProcess.Run(["--help"]);
        Assert.Equal(0, root.ExitCode);
        Assert.DoesNotContain("envtool store list", root.Stdout);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        var result = EnvToolProcess.Run(["no-such-command"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-command", result.Stderr);
    }
}
