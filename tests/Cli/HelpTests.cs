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

    [Fact]
    public void TheLeanRootKnowsEveryTokenOfTheStandardOptions()
    {
        var standard = new RootCommand().Options
            .Where(o => o is System.CommandLine.Help.HelpOption || o.GetType().Name == "VersionOption")
            .SelectMany(o => o.Aliases.Append(o.Name))
            .Order().ToList();
        Assert.Equal(2, new RootCommand().Options.Count);
        Assert.Equal(standard, StandardOptions.Tokens.Order().ToList());
    }

    [Theory]
    [InlineData("create", "-h")]
    [InlineData("create", "@args.rsp")]
    [InlineData("--version")]
    [InlineData("[suggest]", "cre")]
    public void HelpVersionDirectivesAndResponseFilesGetTheStandardRoot(params string[] args) =>
        Assert.True(StandardOptions.Named(args));

    [Fact]
    public void AnOrdinaryCommandLineGetsTheLeanRoot() =>
        Assert.False(StandardOptions.Named(["create", ".venv", "--python", "3.11", "flask>=2"]));

    [Fact]
    public void AnErrorUnderTheLeanRootReadsAsUnderTheStandardOne()
    {
        // No help token: parsed under the lean root first, then again under the standard one, whose
        // usage text (with --help) follows the error.
        var result = EnvToolProcess.Run(["history", "--no-such-option"]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '--no-such-option'", result.Stderr);
        Assert.Contains("-?, -h, --help", result.Stdout + result.Stderr);
    }

    [Theory]
    [InlineData("store", "add")]
    [InlineData("store", "import")]
    [InlineData("remove", "--env", "somewhere")]
    public void A_required_list_argument_left_out_is_a_usage_error(params string[] args)
    {
        // Optional list arguments default to empty (no reflection to make one); required ones have no default.
        var result = EnvToolProcess.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Required argument missing", result.Stderr);
    }

    [Theory]
    [InlineData("--no-compile", "envtool install", "install", "--no-compile", "flask")]
    [InlineData("--link-mod", "envtool create", "create", ".venv", "--link-mod", "copy", "flask")]
    [InlineData("-x", "envtool lock", "lock", "flask", "-x")]
    [InlineData("--all", "envtool remove", "remove", "--env", "somewhere", "--all")]
    [InlineData("--force", "envtool store add", "store", "add", "--force", "demo-1.0-py3-none-any.whl")]
    public void A_mistyped_option_is_not_taken_for_a_requirement_or_a_file(string option, string command, params string[] args)
    {
        // A list argument accepts any token the command has no option for; it must not take this one.
        var result = EnvToolProcess.Run(args);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"unknown option '{option}' for `{command}`: see `{command} --help`", result.Stderr);
        Assert.DoesNotContain("invalid requirement", result.Stderr);
    }
}
