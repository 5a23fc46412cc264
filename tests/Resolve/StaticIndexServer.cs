using System.Diagnostics;
using System.Text.RegularExpressions;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Resolve;

/// <summary>
/// <c>python3 -m http.server</c> on 127.0.0.1 (an ephemeral port) over a temporary directory: every test
/// index lives in its own subdirectory and is reached at <c>http://127.0.0.1:PORT/SUBDIR/simple/</c>.
/// One server per test class (xunit class fixture).
/// </summary>
public sealed partial class StaticIndexServer : IDisposable
{
    private readonly Process _process;
    private readonly TempDir _root = new("envtool-index");

    public StaticIndexServer()
    {
        var psi = new ProcessStartInfo("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", _root.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, _) => { }; // request log; drained so the pipe never fills
        _process.BeginErrorReadLine();
        var banner = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("http.server exited without a banner");
        var port = PortPattern().Match(banner);
        if (!port.Success) throw new InvalidOperationException($"unexpected http.server banner: {banner}");
        BaseUrl = new Uri($"http://127.0.0.1:{port.Groups[1].Value}/");
    }

    public string Root => _root.Path;
    public Uri BaseUrl { get; }

    /// <summary>Writes the universe under a fresh subdirectory; returns its simple-API URL.</summary>
    public Uri Publish(Universe universe, string? name = null)
    {
        name ??= Guid.NewGuid().ToString("N");
        StaticIndexWriter.Write(universe, Path.Combine(Root, name));
        return new Uri(BaseUrl, $"{name}/simple/");
    }

    [GeneratedRegex(@"port (\d+)")]
    private static partial Regex PortPattern();

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
        _process.Dispose();
        _root.Dispose();
    }
}
