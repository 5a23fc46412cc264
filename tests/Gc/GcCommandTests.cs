using System.Text.Json;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;

namespace EnvTool.Tests.Gc;

/// <summary>`envtool store gc` and `store du` as a user runs them.</summary>
public sealed class GcCommandTests : IDisposable
{
    private readonly GcStore _store = new();

    public void Dispose() => _store.Dispose();

    private EnvToolProcess.Result Create(string path, params string[] wheels)
    {
        var python = TestPythons.RequireDefault();
        return StoreCli.Ok(_store.Root, ["create", path, .. wheels, "--python", python, "--no-compile", "--link-mode", "hardlink"]);
    }

    [SkippableFact]
    public void Gc_drops_a_deleted_or_replaced_environment_with_a_line_saying_so()
    {
        var gone = _store.Sub("gone", ".venv");
        var replaced = _store.Sub("replaced", ".venv");
        var live = _store.Sub("live", ".venv");
        Create(gone, _store.Wheel("alpha"));
        Create(replaced, _store.Wheel("beta"));
        Create(live, _store.Wheel("gamma"));
        File.Delete(gone);
        File.Delete(replaced);
        Directory.CreateDirectory(replaced);
        File.WriteAllText(Path.Combine(replaced, "mine.txt"), "the user's own directory");

        var dry = StoreCli.Ok(_store.Root, "store", "gc", "--dry-run", "--grace", "0s");
        Assert.Contains($"would remove environment {gone}: the path is gone", dry.Stdout);
        Assert.Contains("would free", dry.Stdout);
        Assert.Equal(3, _store.Column("SELECT path FROM environments").Count);

        var result = StoreCli.Ok(_store.Root, "store", "gc", "--grace", "0s");

        Assert.Contains($"dropped environment {gone}: the path is gone", result.Stdout);
        Assert.Contains($"dropped environment {replaced}: something else is at the path now, not its symlink", result.Stdout);
        Assert.Contains("removed 2 environments, 2 trees, 2 entries", result.Stdout);
        Assert.Matches(@"freed \d", result.Stdout);
        Assert.Equal([live], _store.Column("SELECT path FROM environments"));
        Assert.Equal("the user's own directory", File.ReadAllText(Path.Combine(replaced, "mine.txt")));
        Assert.Equal("1.0", Generations.Packages.ImportedVersion(live, "gamma"));
        Assert.Contains("nothing to remove", StoreCli.Ok(_store.Root, "store", "gc", "--grace", "0s").Stdout);
        StoreCli.Ok(_store.Root, "store", "verify");
    }

    [SkippableFact]
    public void Gc_json_counts_each_kind_and_du_splits_shared_from_unique_bytes()
    {
        var shared = _store.Wheel("shared", padding: 30_000);
        var one = _store.Sub("one", ".venv");
        var two = _store.Sub("two", ".venv");
        Create(one, shared, _store.Wheel("solo", padding: 20_000));
        Create(two, shared);

        using (var du = JsonDocument.Parse(StoreCli.Ok(_store.Root, "store", "du", "--format", "json").Stdout))
        {
            var environments = du.RootElement.GetProperty("environments").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!);
            var first = environments[one];
            Assert.True(first.GetProperty("present").GetBoolean());
            Assert.True(first.GetProperty("uniqueBytes").GetInt64() >= 20_000, first.ToString());
            Assert.True(first.GetProperty("sharedBytes").GetInt64() >= 30_000, first.ToString());
            Assert.Equal(first.GetProperty("physicalBytes").GetInt64(),
                first.GetProperty("sharedBytes").GetInt64() + first.GetProperty("uniqueBytes").GetInt64());
            Assert.True(first.GetProperty("logicalBytes").GetInt64() >= first.GetProperty("physicalBytes").GetInt64());
            var packages = first.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            Assert.Equal(2, packages["shared"].GetProperty("environments").GetInt32());
            Assert.Equal(1, packages["solo"].GetProperty("environments").GetInt32());
            Assert.True(packages["solo"].GetProperty("physicalBytes").GetInt64() >= 20_000);
            // The second environment's unique bytes are only its own generated files: the shared package is in both.
            Assert.True(environments[two].GetProperty("uniqueBytes").GetInt64() < 20_000);
        }
        Assert.Contains("shared by 2 environments", StoreCli.Ok(_store.Root, "store", "du").Stdout);

        File.Delete(one);
        var text = StoreCli.Ok(_store.Root, "store", "du").Stdout;
        Assert.Contains("[path gone", text);
        using var gc = JsonDocument.Parse(StoreCli.Ok(_store.Root, "store", "gc", "--grace", "0s", "--format", "json").Stdout);
        var counts = gc.RootElement.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("environment").GetInt32());
        Assert.Equal(1, counts.GetProperty("tree").GetInt32());
        Assert.Equal(1, counts.GetProperty("entry").GetInt32());
        Assert.True(gc.RootElement.GetProperty("freedBytes").GetInt64() >= 20_000);
        Assert.False(gc.RootElement.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public void Bad_durations_and_sizes_are_refused_naming_the_spot()
    {
        var store = _store.Root;
        var age = StoreCli.Run(store, "store", "gc", "--older-than", "30x");
        Assert.Equal(1, age.ExitCode);
        Assert.Contains("invalid duration '30x': unknown unit 'x' (use s, m, h, d or w) at column 3", age.Stderr);
        var size = StoreCli.Run(store, "store", "gc", "--max-size", "10Q");
        Assert.Contains("invalid size '10Q': unknown unit 'Q'", size.Stderr);
        Assert.NotEqual(0, StoreCli.Run(store, "store", "gc", "--keep-generations", "0").ExitCode);
    }
}
