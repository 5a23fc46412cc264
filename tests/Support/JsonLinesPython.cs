using System.Diagnostics;
using System.Text;

namespace EnvTool.Tests.Support;

/// <summary>
/// Runs one Python script over a whole batch of requests in ONE process: one JSON request per stdin
/// line, one answer per stdout line (differential tests ask thousands of cases; a process per case
/// would take minutes). Requests are written on another thread so neither side blocks on a full pipe.
/// </summary>
public static class JsonLinesPython
{
    /// <param name="Header">The first stdout line when the script announces itself before answering (else null).</param>
    public sealed record Reply(string? Header, IReadOnlyList<string> Lines, string Stderr, int ExitCode);

    public static Reply Run(string python, string script, IReadOnlyList<string> requests,
                            IEnumerable<string>? scriptArgs = null, bool readsHeader = false, bool isolated = true)
    {
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (isolated) psi.ArgumentList.Add("-I");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in scriptArgs ?? []) psi.ArgumentList.Add(a);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var writer = Task.Run(() =>
        {
            try
            {
                foreach (var request in requests) process.StandardInput.Write(request + "\n");
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The script stopped reading early (e.g. no packaging to test); its header says why.
            }
        });
        var header = readsHeader ? process.StandardOutput.ReadLine() : null;
        var lines = new List<string>(requests.Count);
        while (process.StandardOutput.ReadLine() is { } line) lines.Add(line);
        writer.GetAwaiter().GetResult();
        process.WaitForExit();
        return new Reply(header, lines, stderr.Result, process.ExitCode);
    }
}
