using System.Diagnostics;
using EnvTool.Tests.Corpus;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>The real `requests` (rebuilt from this machine's Python by benchmarks/corpus) served by a local index.</summary>
public sealed class CorpusRunTests
{
    [SkippableFact]
    public void A_script_needing_real_requests_runs_from_a_local_index()
    {
        using var h = new RunHarness();
        var python = TestPythons.All.FirstOrDefault(p => p.Contains("/.pyenv/versions/3.11.", StringComparison.Ordinal));
        Skip.If(python is null, "the pyenv CPython 3.11 (whose installed distributions make the corpus) is not here");
        Skip.If(!Directory.EnumerateDirectories(CorpusFixture.SitePackages(python!), "requests-*.dist-info").Any(), $"{python} has no requests installed");
        var builder = FindBuilder();
        Skip.If(builder is null, "benchmarks/corpus/build_corpus.py not found");

        var corpus = h.Sub("corpus");
        var built = CorpusFixture.Run(python!, [builder!, "--out", corpus, "--python", python!, "--allow-modified", CorpusFixture.AllowModified,
            "--no-debian", "--only", "requests", "idna", "urllib3", "certifi", "charset-normalizer"]);
        Skip.If(built.ExitCode != 0, "the corpus builder failed: " + built.Stderr);

        using var server = new DirectoryServer(corpus);
        var script = h.Script("real.py", $"""
            # /// script
            # requires-python = ">=3.8"
            # dependencies = ["requests"]
            # [tool.envtool]
            # index-url = "{server.Url}simple/"
            # ///
            import requests, urllib3, idna
            print(requests.__version__, requests.__file__)
            """);
        var r = h.Run("run", "--python", python!, script);
        RunHarness.Ok(r);
        var installed = Directory.EnumerateDirectories(CorpusFixture.SitePackages(python!), "requests-*.dist-info").First();
        var version = Path.GetFileName(installed)["requests-".Length..^".dist-info".Length];
        Assert.StartsWith(version + " " + h.EphemeralDirectory + "/", r.Stdout.Trim());
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

    /// <summary>python3 -m http.server over one directory, on loopback.</summary>
    private sealed class DirectoryServer : IDisposable
    {
        private readonly Process _process;

        public DirectoryServer(string directory)
        {
            var psi = new ProcessStartInfo("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory])
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            _process = Process.Start(psi)!;
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            var banner = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("http.server exited");
            var port = System.Text.RegularExpressions.Regex.Match(banner, @"port (\d+)").Groups[1].Value;
            Url = $"http://127.0.0.1:{port}/";
        }

        public string Url { get; }

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
