using System.Diagnostics;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

/// <summary>Real wheels of small importable packages, and running a real interpreter through an environment.</summary>
internal static class Packages
{
    /// <summary>A wheel of package <paramref name="name"/> whose module reports <c>__version__</c>.</summary>
    public static string Wheel(string directory, string name, string version) =>
        new WheelBuilder(name, version)
            .File($"{name.ToLowerInvariant()}/__init__.py", $"__version__ = \"{version}\"\n")
            .WriteTo(directory);

    public sealed record PythonRun(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>ENV/bin/python -c CODE</c> (through the environment's symlink, as a user would).</summary>
    public static PythonRun Python(string environment, string code)
    {
        var psi = new ProcessStartInfo(Path.Combine(environment, "bin", "python"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        psi.Environment.Remove("PYTHONPATH");
        psi.Environment.Remove("VIRTUAL_ENV");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new PythonRun(p.ExitCode, stdout.Result.Trim(), stderr.Result.Trim());
    }

    /// <summary>The version the environment's python imports for <paramref name="module"/>; fails the test on any error.</summary>
    public static string ImportedVersion(string environment, string module)
    {
        var run = Python(environment, $"import {module}; print({module}.__version__)");
        Assert.True(run.ExitCode == 0, $"python in {environment} failed: {run.Stderr}");
        return run.Stdout;
    }
}
