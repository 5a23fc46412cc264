using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EnvTool.Tests.Support;

/// <summary>envtool run under strace: the calls it made (all threads), each descriptor named by its path (-y).</summary>
public static partial class StracedEnvTool
{
    public const string Strace = "/usr/bin/strace";

    public static bool Available => File.Exists(Strace);

    /// <summary>Runs envtool with <paramref name="args"/>, tracing <paramref name="calls"/> (strace's trace= list); asserts it succeeded.</summary>
    public static List<string> Run(string log, string calls, IDictionary<string, string?> env, string cwd, params string[] args)
    {
        var psi = EnvToolProcess.StartInfo([], env, cwd);
        psi.FileName = Strace;
        foreach (var a in new[] { "-f", "-y", "-o", log, "-e", "trace=" + calls, EnvToolProcess.Executable })
            psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "envtool under strace did not finish");
        Assert.True(process.ExitCode == 0, $"envtool {string.Join(' ', args)}: exit {process.ExitCode}\n{stdout.Result}\n{stderr.Result}");
        return File.ReadAllLines(log).ToList();
    }

    /// <summary>A successful fsync or fdatasync of the catalog's WAL.</summary>
    [GeneratedRegex(@"\b(fdatasync|fsync)\(\d+<[^>]*/catalog\.db-wal>\)\s*=\s*0")]
    public static partial Regex WalSync();
}
