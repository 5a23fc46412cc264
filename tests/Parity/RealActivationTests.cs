using System.Diagnostics;
using System.Text.RegularExpressions;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Parity;

/// <summary>
/// Activation of a REAL envtool environment (Flask from the corpus) in each installed shell: the
/// environment's bin comes first, its python reports the environment's path (the symlink, not the
/// store tree) as sys.prefix, `flask` is the environment's, and deactivate restores PATH.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class RealActivationTests(ParityFixture fixture)
{
    private const string OriginalPath = "/usr/local/bin:/usr/bin:/bin";

    private const string PosixProbe = """
        echo "VE=$VIRTUAL_ENV"; echo "P1=$PATH"; echo "PFX=$(python -c 'import sys; print(sys.prefix)')"; echo "W=$(command -v flask)"; echo "V=$(flask --version | head -n 1)"; deactivate; echo "P2=$PATH"
        """;

    private const string FishProbe = """
        echo "VE=$VIRTUAL_ENV"; echo "P1="(string join : $PATH); echo "PFX="(python -c 'import sys; print(sys.prefix)'); echo "W="(command -v flask); echo "V="(flask --version | head -n 1); deactivate; echo "P2="(string join : $PATH)
        """;

    [SkippableTheory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public void ActivatingARealEnvironmentPutsItFirstAndDeactivatingRestoresPath(string shellName)
    {
        var shell = new[] { "/usr/bin", "/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, shellName)).FirstOrDefault(File.Exists);
        Skip.If(shell is null, $"{shellName} is not installed");
        fixture.SkipIfUnavailable();
        var env = fixture.Pair("flask").EnvTool;
        Assert.NotNull(new DirectoryInfo(env).LinkTarget);

        var path = OriginalPath + ":" + Path.GetDirectoryName(shell);
        var args = shellName == "fish"
            ? new[] { "--no-config", "-c", $"source '{env}/bin/activate.fish'; " + FishProbe }
            : ["-c", $"source '{env}/bin/activate' && " + PosixProbe];
        var (stdout, stderr, code) = Run(shell!, args, path);
        Assert.True(code == 0, $"{shellName} exited {code}: {stderr}\n{stdout}");

        var seen = Regex.Matches(stdout, @"^(VE|P1|PFX|W|V|P2)=(.*)$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.True(seen.Count == 6, $"unexpected output: {stdout}\n{stderr}");
        Assert.Equal(env, seen["VE"]);
        Assert.Equal(env + "/bin", seen["P1"].Split(':')[0]);
        Assert.Equal(env, seen["PFX"]);
        Assert.Equal(env + "/bin/flask", seen["W"]);
        Assert.StartsWith("Python 3.11", seen["V"], StringComparison.Ordinal);
        Assert.Equal(path, seen["P2"]);
    }

    private (string Stdout, string Stderr, int Code) Run(string shell, string[] args, string path)
    {
        var home = fixture.Temp.Sub("shell-home");
        Directory.CreateDirectory(home);
        var psi = new ProcessStartInfo(shell)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = fixture.Projects,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = path;
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment.Remove("PYTHONPATH");
        psi.Environment["HOME"] = home;
        psi.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, "config");
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{shell} did not finish");
        return (stdout.Result, stderr.Result, p.ExitCode);
    }
}
