using System.Diagnostics;
using System.Text;
using EnvTool.Environments.Scripts;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Environments;

/// <summary>
/// Scripts in a tree run the environment's interpreter found next to themselves, through the
/// environment symlink, with a real Python; nothing in them names a path.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-launcher");

    public void Dispose() => _dir.Dispose();

    /// <summary>A minimal venv-shaped tree (as a tree in the store would be) and an environment symlink to it.</summary>
    private (string tree, string env) MakeTree(string python)
    {
        var version = Run(python, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).stdout.Trim();
        var tree = _dir.Sub("trees", "t1");
        var site = Path.Combine(tree, "lib", "python" + version, "site-packages");
        Directory.CreateDirectory(site);
        Directory.CreateDirectory(Path.Combine(tree, "bin"));
        var real = Path.GetFullPath(python);
        File.CreateSymbolicLink(Path.Combine(tree, "bin", "python"), real);
        File.WriteAllText(Path.Combine(tree, "pyvenv.cfg"), $"home = {Path.GetDirectoryName(real)}\ninclude-system-site-packages = false\nversion = {version}\n");
        File.WriteAllText(Path.Combine(site, "hello_mod.py"), """
            import sys
            class cli:
                @staticmethod
                def main():
                    print("prefix=" + sys.prefix)
                    print("argv=" + "|".join(sys.argv))
                    return 3
            """);
        var env = _dir.Sub("project", ".venv");
        Directory.CreateDirectory(_dir.Sub("project"));
        File.CreateSymbolicLink(env, tree);
        return (tree, env);
    }

    private static (string stdout, string stderr, int code) Run(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment.Remove("PYTHONHOME");
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (o.Result, e.Result, p.ExitCode);
    }

    private static void MakeExecutable(string path) =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    [SkippableFact]
    public void ConsoleScriptRunsTheEnvironmentsPythonThroughTheEnvironmentPath()
    {
        var python = TestPythons.RequireDefault();
        var (tree, env) = MakeTree(python);
        var script = Path.Combine(tree, "bin", "hello");
        File.WriteAllText(script, EntryPointScript.Render("hello", "hello", "hello_mod:cli.main"));
        MakeExecutable(script);

        var (stdout, stderr, code) = Run(Path.Combine(env, "bin", "hello"), ["a b", "c"]);
        Assert.True(code == 3, stderr);
        Assert.Contains("prefix=" + env + "\n", stdout);
        Assert.Contains("argv=" + Path.Combine(env, "bin", "hello") + "|a b|c", stdout);
        Assert.DoesNotContain(tree, EntryPointScript.Render("hello", "hello", "hello_mod:cli.main"));
    }

    [SkippableFact]
    public void ConsoleScriptSymlinkedElsewhereStillFindsItsInterpreter()
    {
        var python = TestPythons.RequireDefault();
        var (tree, env) = MakeTree(python);
        var script = Path.Combine(tree, "bin", "hello");
        File.WriteAllText(script, EntryPointScript.Render("hello", "hello", "hello_mod:cli.main"));
        MakeExecutable(script);
        Directory.CreateDirectory(_dir.Sub("userbin"));
        var link = _dir.Sub("userbin", "hello");
        File.CreateSymbolicLink(link, Path.Combine(env, "bin", "hello"));

        var (stdout, stderr, code) = Run(link, []);
        Assert.True(code == 3, stderr);
        Assert.Contains("prefix=" + tree + "\n", stdout);
    }

    [SkippableFact]
    public void DataScriptWithPythonShebangIsRewrittenAndKeepsItsArguments()
    {
        var python = TestPythons.RequireDefault();
        var (tree, env) = MakeTree(python);
        var original = Encoding.UTF8.GetBytes("#!python -E\r\nimport sys\nprint('flags.ignore_environment=%d' % sys.flags.ignore_environment)\n");
        var rewritten = DataScript.Rewrite(original);
        Assert.NotNull(rewritten);
        var script = Path.Combine(tree, "bin", "tool");
        File.WriteAllBytes(script, rewritten!);
        MakeExecutable(script);

        var (stdout, stderr, code) = Run(Path.Combine(env, "bin", "tool"), []);
        Assert.True(code == 0, stderr);
        Assert.Contains("flags.ignore_environment=1", stdout);
    }

    [Theory]
    [InlineData("#!/bin/sh\necho hi\n")]
    [InlineData("#!/usr/bin/env python3\nprint(1)\n")]
    [InlineData("#!pythonista\n")]
    [InlineData("")]
    public void OtherDataScriptsAreLeftAsTheyAre(string content) =>
        Assert.Null(DataScript.Rewrite(Encoding.UTF8.GetBytes(content)));

    [Theory]
    [InlineData("bad/name", "m:f", "script names may not contain")]
    [InlineData("ok", "m", "expected 'module:function'")]
    [InlineData("ok", "m:f g", "expected 'module:function'")]
    public void InvalidEntryPointsAreRefusedWithTheReason(string name, string reference, string expected)
    {
        var e = Assert.ThrowsAny<EnvTool.Store.Errors.EnvToolException>(() => EntryPointScript.Render("dist", name, reference));
        Assert.Contains(expected, e.Message);
        Assert.Contains("dist", e.Message);
    }
}
