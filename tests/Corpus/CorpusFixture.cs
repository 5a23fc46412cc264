using System.Diagnostics;
using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Corpus;

/// <summary>
/// Builds the real wheel corpus (benchmarks/corpus/build_corpus.py) once per test class from the
/// pyenv CPython 3.11 on this machine, which has about ninety real distributions installed.
/// </summary>
public sealed class CorpusFixture : IDisposable
{
    // The CA bundles of this machine's Python were patched after installation; without this the
    // builder (rightly) skips botocore, certifi and pip, and the largest set would miss them.
    public const string AllowModified = "*/cacert.pem";

    private readonly TempDir _temp = new("envtool-corpus");

    public CorpusFixture()
    {
        Python = TestPythons.All.FirstOrDefault(p => p.Contains("/.pyenv/versions/3.11.", StringComparison.Ordinal));
        if (Python is null) { SkipReason = "the pyenv CPython 3.11 is not on this machine"; return; }
        var flaskInstalled = Directory.EnumerateDirectories(SitePackages(Python), "flask-*.dist-info").Any();
        if (!flaskInstalled) { SkipReason = $"{Python} does not have its distributions (Flask and others) installed"; return; }
        Script = FindBuilder();
        if (Script is null) { SkipReason = "benchmarks/corpus/build_corpus.py not found above the test directory"; return; }
        Out = _temp.Sub("corpus");
        var built = Build(Out);
        if (built.ExitCode != 0) throw new InvalidOperationException("corpus build failed:\n" + built.Stderr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "corpus.json")));
        Rebuilt = summary.RootElement.GetProperty("rebuilt").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public string? SkipReason { get; }
    public string? Python { get; }
    public string? Script { get; }
    public string Out { get; } = "";
    public string Wheels => Path.Combine(Out, "wheels");
    /// <summary>Wheel file names rebuilt from the interpreter (the largest co-installable set).</summary>
    public IReadOnlyList<string> Rebuilt { get; } = [];

    public TempDir Temp => _temp;

    public void SkipIfUnavailable() => Skip.If(SkipReason is not null, SkipReason);

    public ProcessResult Build(string outDir, params string[] extra) =>
        Run(Python!, [Script!, "--out", outDir, "--python", Python!, "--allow-modified", AllowModified, .. extra]);

    public static string SitePackages(string python)
    {
        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(python))!;
        var lib = Directory.EnumerateDirectories(Path.Combine(prefix, "lib"), "python3.*").FirstOrDefault();
        return lib is null ? Path.Combine(prefix, "lib", "missing") : Path.Combine(lib, "site-packages");
    }

    public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs a process with pip's user and site configuration switched off.</summary>
    public static ProcessResult Run(string exe, IEnumerable<string> args, string? cwd = null)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (cwd is not null) psi.WorkingDirectory = cwd;
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("PIP_", StringComparison.Ordinal)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["PIP_CONFIG_FILE"] = "/dev/null";
        psi.Environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        psi.Environment["PIP_NO_INPUT"] = "1";
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish");
        }
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static ProcessResult RunOk(string exe, params string[] args)
    {
        var r = Run(exe, args);
        if (r.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"{exe} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Stdout}\n{r.Stderr}");
        return r;
    }

    private static string? FindBuilder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "benchmarks", "corpus", "build_corpus.py");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public void Dispose() => _temp.Dispose();
}
