using System.Collections.Concurrent;
using System.Text.Json;
using EnvTool.Tests.Corpus;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Parity;

[CollectionDefinition(Name)]
public sealed class ParityCollection : ICollectionFixture<ParityFixture>
{
    public const string Name = "Parity over the real corpus";
}

/// <summary>
/// One corpus build, one envtool store and, per package set, one envtool environment next to one
/// pip-installed venv of the same wheels, shared by every parity test (each is built on first use).
/// </summary>
public sealed class ParityFixture : IDisposable
{
    /// <summary>The named sets are created with their dependencies; <see cref="Largest"/> is every wheel rebuilt from the interpreter, with --no-deps.</summary>
    public static readonly string[] NamedSets = ["flask", "boto3", "jsonschema", "cryptography"];
    public const string Largest = "largest";

    private readonly TempDir _temp = new("envtool-parity");
    private readonly ConcurrentDictionary<string, Lazy<EnvironmentPair>> _pairs = new(StringComparer.Ordinal);

    public ParityFixture()
    {
        Corpus = new CorpusFixture();
        Directory.CreateDirectory(Projects);
    }

    public CorpusFixture Corpus { get; }
    public string Store => _temp.Sub("store");
    public string Projects => _temp.Sub("projects");
    public string Python => Corpus.Python!;
    public TempDir Temp => _temp;

    public void SkipIfUnavailable() => Corpus.SkipIfUnavailable();

    public EnvironmentPair Pair(string set) =>
        _pairs.GetOrAdd(set, s => new Lazy<EnvironmentPair>(() => Build(s))).Value;

    /// <summary>Runs the envtool binary in <see cref="Projects"/> against the shared store, with no index configured.</summary>
    public EnvToolProcess.Result EnvTool(params string[] args) =>
        EnvToolProcess.Run(args, new Dictionary<string, string?>
        {
            ["ENVTOOL_STORE"] = Store, ["VIRTUAL_ENV"] = null,
            ["ENVTOOL_INDEX_URL"] = null, ["PIP_INDEX_URL"] = null, ["UV_DEFAULT_INDEX"] = null, ["UV_INDEX_URL"] = null,
        }, Projects);

    public EnvToolProcess.Result EnvToolOk(params string[] args)
    {
        var r = EnvTool(args);
        Assert.True(r.ExitCode == 0, $"envtool {string.Join(' ', args)}: exit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
        return r;
    }

    /// <summary>The envtool side of a named set, created (with dependencies) at another path: for reuse tests.</summary>
    public EnvToolProcess.Result CreateNamed(string path, string set) =>
        EnvToolOk("create", path, set, "--no-index", "--find-links", Corpus.Wheels, "--python", Python);

    private EnvironmentPair Build(string set)
    {
        var env = Path.Combine(Projects, $"envtool-{set}");
        var venv = Path.Combine(Projects, $"pip-{set}");
        List<string> pipArgs;
        if (set == Largest)
        {
            var wheels = Corpus.Rebuilt.Select(w => Path.Combine(Corpus.Wheels, w)).ToList();
            EnvToolOk(["create", env, "--no-deps", "--no-index", "--python", Python, .. wheels]);
            pipArgs = wheels;
        }
        else
        {
            CreateNamed(env, set);
            // The venv gets exactly the versions envtool resolved, each pinned, from the same directory.
            using var listed = JsonDocument.Parse(EnvToolOk("list", "--env", env, "--format", "json").Stdout);
            pipArgs = ["--find-links", Corpus.Wheels, .. listed.RootElement.GetProperty("packages").EnumerateArray()
                .Select(p => $"{p.GetProperty("name").GetString()}=={p.GetProperty("version").GetString()}")];
        }
        CorpusFixture.RunOk(Python, "-m", "venv", "--without-pip", venv);
        CorpusFixture.RunOk(Python, ["-m", "pip", "--python", Path.Combine(venv, "bin", "python"),
            "install", "-q", "--no-index", "--no-deps", "--no-compile", .. pipArgs]);
        var probes = _temp.Sub("probes", set);
        Directory.CreateDirectory(probes);
        return new EnvironmentPair(set, env, venv, probes);
    }

    public void Dispose()
    {
        Corpus.Dispose();
        _temp.Dispose();
    }
}

/// <summary>An envtool environment and a pip venv holding the same wheels; each probed once, on first use.</summary>
public sealed class EnvironmentPair(string set, string envTool, string venv, string probeDir)
{
    private readonly Lazy<EnvironmentProbe> _envToolProbe = new(() => EnvironmentProbe.Run(envTool, Path.Combine(probeDir, "envtool")));
    private readonly Lazy<EnvironmentProbe> _venvProbe = new(() => EnvironmentProbe.Run(venv, Path.Combine(probeDir, "pip")));

    public string Set => set;
    /// <summary>The environment's path: a symlink to its tree in the store.</summary>
    public string EnvTool => envTool;
    public string Venv => venv;
    public EnvironmentProbe EnvToolProbe => _envToolProbe.Value;
    public EnvironmentProbe VenvProbe => _venvProbe.Value;
}
