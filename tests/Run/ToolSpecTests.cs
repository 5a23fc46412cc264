using EnvTool.Running;
using EnvTool.Store.Errors;

namespace EnvTool.Tests.Run;

public sealed class ToolSpecTests
{
    [Theory]
    [InlineData("black", "black", "black")]
    [InlineData("black@24.2.0", "black", "black==24.2.0")]
    [InlineData("Black_Formatter@1.0rc1", "Black_Formatter", "Black_Formatter==1.0rc1")]
    [InlineData("black>=24", "black", "black>=24")]
    [InlineData("black[d]==24.1", "black", "black[d]==24.1")]
    public void Tool_names_pins_and_requirements(string tool, string command, string requirement)
    {
        var spec = ToolSpec.Parse(tool, null);
        Assert.Equal(command, spec.Command);
        Assert.Equal(requirement, spec.Package.Requirement!.ToString());
        Assert.Null(spec.Package.WheelPath);
    }

    [Fact]
    public void From_names_the_package_and_the_tool_is_only_the_command()
    {
        var spec = ToolSpec.Parse("http", "httpie==3.2.1");
        Assert.Equal("http", spec.Command);
        Assert.Equal("httpie==3.2.1", spec.Package.Requirement!.ToString());
        var wheel = ToolSpec.Parse("greet-cli", "/wheels/greet-1.0-py3-none-any.whl");
        Assert.Equal("/wheels/greet-1.0-py3-none-any.whl", wheel.Package.WheelPath);
    }

    [Theory]
    [InlineData("black@", null, "is not a version")]
    [InlineData("black@not-a-version!", null, "is not a version")]
    [InlineData("http@1.0", "httpie", "is not a command name")]
    [InlineData("bin/http", "httpie", "is not a command name")]
    public void Bad_tools_are_refused(string tool, string? from, string problem)
    {
        var e = Assert.ThrowsAny<EnvToolException>(() => ToolSpec.Parse(tool, from));
        Assert.Contains(problem, e.Message);
    }
}
