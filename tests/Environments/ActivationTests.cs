using System.Diagnostics;
using EnvTool.Environments.Activation;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Environments;

/// <summary>
/// Each activation script runs in its real shell against a tree reached through an environment
/// symlink (as envtool lays them out): VIRTUAL_ENV must be the symlink's path, bin first on PATH,
/// and deactivate must restore both.
/// </summary>
public sealed class ActivationTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-activate");
    private readonly string _env;

    public ActivationTests()
    {
        var tree = _dir.Sub("store", "trees", "abc123");
        Directory.CreateDirectory(Path.Combine(tree, "bin"));
        foreach (var script in ActivationScripts.All)
            File.WriteAllText(Path.Combine(tree, "bin", script.FileName), script.Content);
        Directory.CreateDirectory(_dir.Sub("project"));
        _env = _dir.Sub("project", "my-env");
        File.CreateSymbolicLink(_env, tree);
    }

    public void Dispose() => _dir.Dispose();

    private const string OriginalPath = "/usr/local/bin:/usr/bin:/bin";

    private static string? Which(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/local/bin").Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private (string stdout, string stderr, int code) RunShell(string shell, string[] args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(shell)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            UseShellExecute = false, WorkingDirectory = _dir.Sub("project"),
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = OriginalPath + ":" + Path.GetDirectoryName(shell);
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment["HOME"] = _dir.Path;
        psi.Environment["XDG_CONFIG_HOME"] = _dir.Sub("config");
        using var p = Process.Start(psi)!;
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{shell} did not finish");
        return (stdout.Result, stderr.Result, p.ExitCode);
    }

    private void AssertActivatedThenRestored(string output, string expectedPathAfter)
    {
        // Interactive shells print their prompt before each line: find the keys anywhere in a line.
        var lines = System.Text.RegularExpressions.Regex.Matches(output, @"\b(VE\d|P\d)=(.*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        Assert.True(lines.ContainsKey("VE1"), $"no output from the shell: {output}");
        Assert.Equal(_env, lines["VE1"]);
        Assert.Equal(_env + "/bin", lines["P1"].Split(':')[0]);
        Assert.Equal("", lines.GetValueOrDefault("VE2", ""));
        Assert.Equal(expectedPathAfter, lines["P2"]);
    }

    private const string PosixProbe = """
        echo "VE1=$VIRTUAL_ENV"; echo "P1=$PATH"; deactivate; echo "VE2=${VIRTUAL_ENV-}"; echo "P2=$PATH"
        """;

    [SkippableTheory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void BashAndZshFindTheEnvironmentFromTheScriptPath(string shellName)
    {
        var shell = Which(shellName);
        Skip.If(shell is null, $"{shellName} is not installed (.ci/run installs it)");
        var path = OriginalPath + ":" + Path.GetDirectoryName(shell);
        // Relative path, as users type it.
        var (stdout, stderr, code) = RunShell(shell!, ["-c", "source my-env/bin/activate && " + PosixProbe]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, path);
        // And an absolute one.
        (stdout, stderr, code) = RunShell(shell!, ["-c", $"source '{_env}/bin/activate' && " + PosixProbe]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, path);
    }

    [SkippableFact]
    public void PosixShNeedsTheEnvironmentNamedAndSaysSo()
    {
        var shell = Which("dash") ?? Which("sh");
        Skip.If(shell is null, "no POSIX sh");
        var (stdout, stderr, code) = RunShell(shell!, ["-c", $"VIRTUAL_ENV='{_env}' . '{_env}/bin/activate' && " + PosixProbe]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, OriginalPath + ":" + Path.GetDirectoryName(shell));

        (_, stderr, code) = RunShell(shell!, ["-c", $". '{_env}/bin/activate'"]);
        Assert.NotEqual(0, code);
        Assert.Contains("VIRTUAL_ENV=/abs/path/to/env", stderr);
    }

    [SkippableFact]
    public void FishFindsTheEnvironmentFromTheScriptPath()
    {
        var shell = Which("fish");
        Skip.If(shell is null, "fish is not installed (.ci/run installs it)");
        var (stdout, stderr, code) = RunShell(shell!, ["--no-config", "-c",
            "source my-env/bin/activate.fish; echo \"VE1=$VIRTUAL_ENV\"; echo \"P1=\"(string join : $PATH); deactivate; echo \"VE2=$VIRTUAL_ENV\"; echo \"P2=\"(string join : $PATH)"]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, OriginalPath + ":" + Path.GetDirectoryName(shell));
    }

    private const string CshProbe = """
        echo "VE1=$VIRTUAL_ENV"
        echo "P1=$PATH"
        deactivate
        echo "VE2=`printenv VIRTUAL_ENV`"
        echo "P2=$PATH"
        """;

    [SkippableFact]
    public void TcshInteractiveFindsTheEnvironmentFromHistory()
    {
        var shell = Which("tcsh");
        Skip.If(shell is null, "tcsh is not installed (.ci/run installs it)");
        var (stdout, stderr, _) = RunShell(shell!, ["-f", "-i"], "source my-env/bin/activate.csh\n" + CshProbe + "\nexit\n");
        AssertActivatedThenRestored(stdout, OriginalPath + ":" + Path.GetDirectoryName(shell));
        Assert.DoesNotContain("cannot find", stdout + stderr);
    }

    [SkippableFact]
    public void TcshScriptNamesTheEnvironment()
    {
        var shell = Which("tcsh");
        Skip.If(shell is null, "tcsh is not installed (.ci/run installs it)");
        var script = _dir.Sub("probe.csh");
        File.WriteAllText(script, $"source '{_env}/bin/activate.csh' '{_env}'\n" + CshProbe + "\n");
        var (stdout, stderr, code) = RunShell(shell!, ["-f", script]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, OriginalPath + ":" + Path.GetDirectoryName(shell));

        File.WriteAllText(script, $"source '{_env}/bin/activate.csh'\n");
        (stdout, _, _) = RunShell(shell!, ["-f", script]);
        Assert.Contains("cannot find this environment's path", stdout);
    }

    [SkippableFact]
    public void NushellOverlayFindsTheEnvironmentFromTheScriptPath()
    {
        var shell = Which("nu");
        Skip.If(shell is null, "nushell is not installed (.ci/run installs it from npm)");
        var (stdout, stderr, code) = RunShell(shell!, ["--no-config-file", "-c",
            "overlay use my-env/bin/activate.nu; print $\"VE1=($env.VIRTUAL_ENV)\"; print $\"P1=($env.PATH | str join ':')\"; deactivate; print $\"VE2=($env.VIRTUAL_ENV? | default '')\"; print $\"P2=($env.PATH | str join ':')\""]);
        Assert.True(code == 0, stderr);
        AssertActivatedThenRestored(stdout, OriginalPath + ":" + Path.GetDirectoryName(shell));
    }

    [Fact]
    public void NoScriptNamesAnAbsolutePath()
    {
        // A tree is shared by every environment with the same content: nothing may name one of them.
        foreach (var script in ActivationScripts.All)
        {
            Assert.DoesNotContain("/store/", script.Content);
            Assert.DoesNotContain("/tmp/", script.Content);
            Assert.DoesNotContain("/home/", script.Content);
        }
    }
}
