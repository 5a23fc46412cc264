using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>`envtool x` and `envtool tool run`: a package's console script in an ephemeral environment.</summary>
public sealed class ToolCommandTests
{
    [SkippableFact]
    public void X_runs_a_console_script_of_the_package_named_by_from_and_reuses_the_environment()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var r = h.Run("x", "--from", wheel, "greet-cli", "--version", "x");
        RunHarness.Ok(r);
        Assert.Equal("hello from greet 1.0 --version x", r.Stdout.Trim());

        var again = h.Run("tool", "run", "--from", wheel, "greet-cli");
        RunHarness.Ok(again);
        Assert.Equal("hello from greet 1.0", again.Stdout.Trim());
        Assert.Single(h.Links());
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM trees"));
    }

    [SkippableFact]
    public void A_command_the_package_does_not_provide_is_an_error_listing_those_it_does()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var r = h.Run("x", "--from", wheel, "nope");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no command 'nope' in the environment", r.Stderr);
        Assert.Contains("its commands are: greet-cli", r.Stderr);
    }

    [SkippableFact]
    public void Tool_exit_codes_and_arguments_pass_through()
    {
        using var h = new RunHarness();
        var wheel = new WheelBuilder("exiter", "2.0")
            .File("exiter/__init__.py", "import sys\ndef main():\n    print(*sys.argv[1:])\n    return int(sys.argv[1])\n")
            .File("exiter-2.0.dist-info/entry_points.txt", "[console_scripts]\nexiter = exiter:main\n")
            .WriteTo(h.Wheels);
        var r = h.Run("x", "--from", wheel, "exiter", "5", "--from", "y");
        Assert.Equal(5, r.ExitCode);
        Assert.Equal("5 --from y", r.Stdout.Trim());
    }

    [Fact]
    public void Naming_no_tool_is_a_usage_error()
    {
        var r = EnvToolProcess.Run(["x"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("name a tool to run", r.Stderr);
    }
}
