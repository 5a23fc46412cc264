namespace EnvTool.Tests.Cli;

public class HelpTests
{
    [Fact]
    public void RootHelpExitsZero() => Assert.Equal(0, EnvTool.Cli.EntryPoint.Run(["--help"]));

    [Fact]
    public void UnknownCommandIsAUsageError() => Assert.NotEqual(0, EnvTool.Cli.EntryPoint.Run(["no-such-command"]));
}
