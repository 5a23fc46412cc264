using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>Runs <c>envtool --store STORE ...</c> as a real process.</summary>
internal static class StoreCli
{
    public static EnvToolProcess.Result Run(string store, params string[] args) =>
        EnvToolProcess.Run(["--store", store, .. args]);

    /// <summary>Runs a command that must succeed, failing the test with its output otherwise.</summary>
    public static EnvToolProcess.Result Ok(string store, params string[] args)
    {
        var result = Run(store, args);
        Assert.True(result.ExitCode == 0, $"envtool {string.Join(' ', args)} exited {result.ExitCode}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        return result;
    }

    /// <summary>The "error: ..." lines of stderr.</summary>
    public static List<string> Errors(EnvToolProcess.Result result) =>
        result.Stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
}
