using System.Diagnostics;

namespace EnvTool.Tests.Support;

/// <summary>
/// Runs the real envtool program as a child process (the apphost built next to the tests, or the
/// AOT binary named by $ENVTOOL_BIN), for tests that need exit codes, stderr, or SIGKILL.
/// </summary>
public static class EnvToolProcess
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("ENVTOOL_BIN") is { Length: > 0 } bin ? bin
        : Path.Combine(AppContext.BaseDirectory, "envtool");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? cwd = null)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        if (env is not null)
            foreach (var (k, v) in env)
                if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        return psi;
    }

    public static Result Run(IEnumerable<string> args, IDictionary<string, string?>? env = null, string? cwd = null, TimeSpan? timeout = null)
    {
        using var p = Process.Start(StartInfo(args, env, cwd))!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"envtool {string.Join(' ', args)} did not finish");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
