using System.CommandLine;
using EnvTool.Cli;
using EnvTool.Cli.Commands;

namespace EnvTool.Tests.Run;

/// <summary>Where envtool's arguments end and the program's begin.</summary>
public sealed class PassThroughArgumentsTests
{
    private static RootCommand Root()
    {
        var root = new RootCommand("test");
        root.Options.Add(GlobalOptions.Store);
        foreach (var command in CommandList.All()) root.Subcommands.Add(command);
        return root;
    }

    [Theory]
    [InlineData("run a.py", "run", "a.py", false, "")]
    [InlineData("run a.py --python 3 -w x", "run", "a.py", false, "--python 3 -w x")]
    [InlineData("--store s run --with x -p 3.12 --pre a.py -- b", "--store s run --with x -p 3.12 --pre", "a.py", false, "-- b")]
    [InlineData("run --with=x a.py b", "run --with=x", "a.py", false, "b")]
    [InlineData("run --with x -- black --check .", "run --with x", "black", true, "--check .")]
    [InlineData("x black@24.1 --version", "x", "black@24.1", false, "--version")]
    [InlineData("x --from httpie http --from y", "x --from httpie", "http", false, "--from y")]
    [InlineData("tool run -f /w ruff check", "tool run -f /w", "ruff", false, "check")]
    public void The_program_and_its_arguments_are_split_off(string line, string parsed, string program, bool afterDash, string rest)
    {
        var args = PassThroughArguments.Split(Root(), line.Split(' '));
        Assert.Equal(parsed, string.Join(' ', args));
        var current = PassThroughArguments.Current!;
        Assert.Equal(program, current.Program);
        Assert.Equal(afterDash, current.AfterDoubleDash);
        Assert.Equal(rest, string.Join(' ', current.Arguments));
    }

    [Theory]
    [InlineData("run --help")]
    [InlineData("run --with x --")]
    [InlineData("install a b --env x")]
    [InlineData("list -- x")]
    public void Without_a_program_the_arguments_are_left_to_the_parser(string line)
    {
        var args = line.Split(' ');
        var parsed = PassThroughArguments.Split(Root(), args);
        Assert.Null(PassThroughArguments.Current);
        Assert.Equal(line.TrimEnd('-', ' '), string.Join(' ', parsed).TrimEnd('-', ' '));
    }
}
