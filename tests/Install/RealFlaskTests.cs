using System.Diagnostics;
using EnvTool.Tests.Corpus;
using EnvTool.Tests.Index;

namespace EnvTool.Tests.Install;

/// <summary>
/// The real Flask and its dependencies, rebuilt into wheels from this machine's CPython 3.11
/// (benchmarks/corpus/build_corpus.py, <see cref="CorpusFixture"/>): resolved from the corpus as a
/// --find-links directory and as an index served over HTTP, the environment imports flask and runs
/// the flask command. Skipped with the fixture's reason where that Python or its packages are missing.
/// </summary>
public sealed class RealFlaskTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>, IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [SkippableFact]
    public void Flask_from_find_links_imports_and_its_command_runs()
    {
        corpus.SkipIfUnavailable();
        _cli.Ok("create", ".venv", "flask", "--no-index", "--find-links", corpus.Wheels, "--python", corpus.Python!);
        AssertWorkingFlask(_cli.Env());
    }

    [SkippableFact]
    public void Flask_from_the_corpus_index_over_http_and_the_lock_of_it_give_the_same_environment()
    {
        corpus.SkipIfUnavailable();
        using var server = new LoopbackIndexServer(corpus.Out);
        _cli.Ok("create", ".venv", "flask", "--index-url", server.SimpleUrl, "--python", corpus.Python!);
        AssertWorkingFlask(_cli.Env());

        _cli.Ok("lock", "flask", "--index-url", server.SimpleUrl, "--python", corpus.Python!);
        _cli.Ok("create", "locked", "--lock", "pylock.toml", "--python", corpus.Python!);
        Assert.Equal(_cli.List(), _cli.List("locked"));
        AssertWorkingFlask(_cli.Env("locked"));
    }

    private static void AssertWorkingFlask(string env)
    {
        var import = CorpusFixture.Run(Path.Combine(env, "bin", "python"), ["-c", "import flask, importlib.metadata as m; print(m.version('flask'))"]);
        Assert.True(import.ExitCode == 0, import.Stderr);
        var version = CorpusFixture.Run(Path.Combine(env, "bin", "flask"), ["--version"]);
        Assert.True(version.ExitCode == 0, version.Stderr);
        Assert.Contains($"Flask {import.Stdout.Trim()}", version.Stdout);
        Assert.Contains("Werkzeug ", version.Stdout);
    }
}
