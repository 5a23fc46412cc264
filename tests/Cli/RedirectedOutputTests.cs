using System.Diagnostics;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Cli;

/// <summary>
/// Output that goes to a pipe or a file is written straight to the descriptor (RedirectedOutput):
/// it must behave as the console did, in the shell situations where the difference would show.
/// </summary>
public class RedirectedOutputTests
{
    private static (int ExitCode, string Stdout, string Stderr) Bash(string script, string? cwd = null)
    {
        var psi = new ProcessStartInfo("/bin/bash", ["-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        psi.Environment["ENVTOOL"] = EnvToolProcess.Executable;
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "bash did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void AReaderThatWentAwayIsNotAnError()
    {
        // The pipe's reader exits at once; by the time envtool writes its help, nobody reads (EPIPE).
        var result = Bash("exec 1> >(exit 0); sleep 0.3; \"$ENVTOOL\" --help; echo \"exit $?\" >&2");
        Assert.Equal("exit 0\n", result.Stderr);
    }

    [Fact]
    public void WritesContinueWhereTheShellLeftTheSharedFile()
    {
        // Output after the descriptor's own offset (write(2)), not at a position of its own (pwrite):
        // what the shell writes before and after lands around it, nothing is overwritten.
        using var dir = new TempDir();
        var file = dir.Sub("out.txt");
        var result = Bash($"{{ echo before; \"$ENVTOOL\" --version; echo after; }} > '{file}'");
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(file);
        Assert.Equal(3, lines.Length);
        Assert.Equal("before", lines[0]);
        Assert.StartsWith("0.", lines[1]);
        Assert.Equal("after", lines[2]);
    }

    [Fact]
    public void NonAsciiIsWrittenAsUtf8()
    {
        using var dir = new TempDir();
        var missing = dir.Sub("café-☕");
        var result = EnvToolProcess.Run(["list", "--env", missing]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
    }
}
