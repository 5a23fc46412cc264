using System.Diagnostics;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>
/// One store, one private TMPDIR and one wheels directory per test, and the real envtool binary run
/// with them, with the default test interpreter's directory first on PATH (so "the default Python"
/// is known).
/// </summary>
internal sealed class RunHarness : IDisposable
{
    private readonly TempDir _dir = new("envtool-run");

    public RunHarness()
    {
        Python = TestPythons.RequireDefault();
        Directory.CreateDirectory(Tmp);
        Directory.CreateDirectory(Wheels);
        Directory.CreateDirectory(Work);
    }

    public string Python { get; }
    public string Store => _dir.Sub("store");
    public string Tmp => _dir.Sub("tmp");
    public string Wheels => _dir.Sub("wheels");
    public string Work => _dir.Sub("work");

    /// <summary>$TMPDIR/envtool-$UID: where the environments' symlinks go.</summary>
    public string EphemeralDirectory => Path.Combine(Tmp, "envtool-" + EnvTool.Store.Native.CurrentUser.Id);

    public string Sub(params string[] parts) => _dir.Sub(parts);

    public Dictionary<string, string?> Variables(string? extraPathFirst = null) => new()
    {
        ["ENVTOOL_STORE"] = Store,
        ["TMPDIR"] = Tmp,
        ["VIRTUAL_ENV"] = null,
        ["PYTHONPATH"] = null,
        ["PATH"] = string.Join(':', new[] { extraPathFirst, Path.GetDirectoryName(Python), "/usr/bin", "/bin" }.OfType<string>()),
    };

    public string Script(string name, string text)
    {
        var path = Path.Combine(Work, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A wheel of <paramref name="name"/> whose module has <c>__version__</c> and <c>greet()</c>, and a console script <c>NAME-cli</c> printing the greeting and its arguments.</summary>
    public string Wheel(string name, string version = "1.0") =>
        new WheelBuilder(name, version)
            .File($"{name}/__init__.py", $"__version__ = \"{version}\"\ndef greet():\n    return \"hello from {name} {version}\"\n")
            .File($"{name}/cli.py", $"import sys\nfrom {name} import greet\ndef main():\n    print(greet(), *sys.argv[1:])\n    return 0\n")
            .File($"{new WheelBuilder(name, version).DistInfo}/entry_points.txt", $"[console_scripts]\n{name}-cli = {name}.cli:main\n")
            .WriteTo(Wheels);

    public static string FileUrl(string path) => new Uri(path).AbsoluteUri;

    public EnvToolProcess.Result Run(params string[] args) => EnvToolProcess.Run(args, Variables(), Work);

    public Process Start(params string[] args)
    {
        var p = Process.Start(EnvToolProcess.StartInfo(args, Variables(), Work))!;
        return p;
    }

    public long Scalar(string sql) => CatalogQuery.Scalar(Store, sql);

    /// <summary>The symlinks in the ephemeral directory and their targets.</summary>
    public IReadOnlyDictionary<string, string> Links() =>
        Directory.Exists(EphemeralDirectory)
            ? Directory.EnumerateFileSystemEntries(EphemeralDirectory).ToDictionary(p => p, p => new FileInfo(p).LinkTarget ?? "")
            : new Dictionary<string, string>();

    public static void Ok(EnvToolProcess.Result r) =>
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");

    public void Dispose() => _dir.Dispose();
}
