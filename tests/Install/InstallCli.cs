using EnvTool.Tests.Support;

namespace EnvTool.Tests.Install;

/// <summary>
/// The real envtool binary run in a project directory with its own store, and with no index
/// configured from the environment (no ENVTOOL_INDEX_URL, PIP_INDEX_URL, UV_*), so each test names
/// its sources itself.
/// </summary>
internal sealed class InstallCli : IDisposable
{
    private readonly TempDir _dir = new("envtool-install");

    public InstallCli()
    {
        Project = _dir.Sub("project");
        Directory.CreateDirectory(Project);
        Python = TestPythons.RequireDefault();
    }

    public string Project { get; }
    public string Store => _dir.Sub("store");
    public string Python { get; }
    public TempDir Temp => _dir;

    public string Env(string name = ".venv") => Path.Combine(Project, name);

    public EnvToolProcess.Result Run(params string[] args) => Run(null, args);

    public EnvToolProcess.Result Run(IDictionary<string, string?>? env, params string[] args)
    {
        var variables = new Dictionary<string, string?>
        {
            ["ENVTOOL_STORE"] = Store, ["VIRTUAL_ENV"] = null,
            ["ENVTOOL_INDEX_URL"] = null, ["PIP_INDEX_URL"] = null, ["UV_DEFAULT_INDEX"] = null, ["UV_INDEX_URL"] = null,
        };
        foreach (var (k, v) in env ?? new Dictionary<string, string?>()) variables[k] = v;
        return EnvToolProcess.Run(args, variables, Project);
    }

    /// <summary>Runs and asserts exit 0, showing both streams when it is not.</summary>
    public EnvToolProcess.Result Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 0, $"envtool {string.Join(' ', args)}: exit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
        return r;
    }

    /// <summary>`envtool list` as "name version" lines.</summary>
    public string[] List(string env = ".venv") => Lines(Ok("list", "--env", env).Stdout);

    /// <summary>Package names (lower case) of `envtool list`.</summary>
    public string[] Names(string env = ".venv") => List(env).Select(l => l.Split(' ')[0].ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every path under the store's objects/, entries/ and trees/, to show a failed command changed nothing there.</summary>
    public string[] StoreContent() =>
        new[] { "objects", "entries", "trees" }
            .Select(d => Path.Combine(Store, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public void Dispose() => _dir.Dispose();
}
