using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Python;

/// <summary>`envtool python list` and `envtool python find` through the real binary, with a private cache.</summary>
public class PythonCommandTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-python-cli");

    public void Dispose() => _temp.Dispose();

    private EnvToolProcess.Result Run(string[] args, string? cwd = null, Dictionary<string, string?>? env = null)
    {
        var vars = new Dictionary<string, string?>
        {
            ["ENVTOOL_CACHE_DIR"] = _temp.Sub("cache"),
            ["PYENV_VERSION"] = null,
            ["VIRTUAL_ENV"] = null,
        };
        foreach (var (k, v) in env ?? []) vars[k] = v;
        return EnvToolProcess.Run(args, vars, cwd ?? _temp.Path);
    }

    [SkippableFact]
    public void ListShowsPyenv310And311AndDebian311WithVersionImplementationAndPath()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p311 = PythonFacts.RequirePyenv("3.11");
        PythonFacts.RequireDebian();
        var r = Run(["python", "list"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var v310 = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p310)))!;
        var v311 = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p311)))!;
        Assert.Contains(lines, l => Columns(l) is [var v, "cpython", var p, ..] && v == v310 && p == p310);
        Assert.Contains(lines, l => Columns(l) is [var v, "cpython", var p, ..] && v == v311 && p == p311);
        Assert.Contains(lines, l => Columns(l) is [var v, "cpython", var p, ..] && v.StartsWith("3.11.") && p.StartsWith("/usr/bin/python3"));
        Assert.Single(lines, l => l.EndsWith("(default)", StringComparison.Ordinal));
        Assert.Equal(lines.Length, lines.Select(l => Columns(l)[2]).Distinct().Count());
    }

    [SkippableFact]
    public void ListAsJsonParses()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var r = Run(["python", "list", "--format", "json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var interpreters = doc.RootElement.GetProperty("interpreters").EnumerateArray().ToList();
        Assert.Contains(interpreters, i => i.GetProperty("path").GetString() == p310
            && i.GetProperty("version").GetString()!.StartsWith("3.10.")
            && i.GetProperty("implementation").GetString() == "cpython"
            && i.GetProperty("realPath").GetString()!.StartsWith("/"));
        Assert.Single(interpreters, i => i.GetProperty("default").GetBoolean());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("skipped").ValueKind);
    }

    [SkippableFact]
    public void FindPrintsThePathOfTheMatch()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var r = Run(["python", "find", "3.10"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(p310, r.Stdout.Trim());
        Assert.Equal("", r.Stderr);
    }

    [SkippableFact]
    public void ASecondRunUsesTheCache()
    {
        PythonFacts.RequirePyenv("3.10");
        Run(["python", "find", "3.10"]);
        var entries = Directory.GetFiles(Path.Combine(_temp.Sub("cache"), "interpreters"), "*.json");
        Assert.NotEmpty(entries);
        var written = entries.ToDictionary(e => e, File.GetLastWriteTimeUtc);
        Run(["python", "find", "3.10"]);
        Assert.All(written, w => Assert.Equal(w.Value, File.GetLastWriteTimeUtc(w.Key)));
    }

    [SkippableFact]
    public void TheCacheFollowsXdgCacheHomeWhenEnvtoolCacheDirIsUnset()
    {
        PythonFacts.RequirePyenv("3.10");
        var xdg = _temp.Sub("xdg");
        var r = Run(["python", "find", "3.10"], env: new() { ["ENVTOOL_CACHE_DIR"] = null, ["XDG_CACHE_HOME"] = xdg });
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(xdg, "envtool", "interpreters"), "*.json"));
    }

    [SkippableFact]
    public void FindWithoutARequestHonoursPythonVersionFile()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        File.WriteAllText(_temp.Sub(".python-version"), "3.10\n");
        var sub = _temp.Sub("deeper");
        Directory.CreateDirectory(sub);
        var r = Run(["python", "find"], cwd: sub);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(p310, r.Stdout.Trim());
    }

    [Fact]
    public void AMissingInterpreterFailsWithTheNotFoundMessage()
    {
        var r = Run(["python", "find", "3.99"]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("error: no Python interpreter found for '3.99'", r.Stderr);
        Assert.Contains("hint:", r.Stderr);
        Assert.Contains("--python PATH", r.Stderr);
    }

    [Fact]
    public void NonsenseFailsWithTheParseError()
    {
        var r = Run(["python", "find", "3.x"]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("error: invalid Python request '3.x': expected a number, found 'x' at column 3", r.Stderr);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("find")]
    public void HelpHasExamples(string command)
    {
        var r = Run(["python", command, "--help"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout);
        Assert.Contains($"envtool python {command}", r.Stdout);
    }
}
