using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>`envtool store add|list|info|verify` through the real binary.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreCommandTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-storecli");
    private string Store => _dir.Sub("store");

    public void Dispose() => _dir.Dispose();

    private string Demo(string name = "demo", string version = "1.0") =>
        new WheelBuilder(name, version).File($"{name}/__init__.py", "x = 1\n").Script(name, "#!python\nimport demo\n").WriteTo(_dir.Sub("in"));

    [Fact]
    public void AddPrintsOneLinePerWheelAndSkipsWhatIsPresent()
    {
        var wheel = Demo();
        var first = StoreCli.Ok(Store, "store", "add", wheel);
        Assert.StartsWith("added   demo 1.0  5 files", first.Stdout);
        Assert.StartsWith("present demo 1.0", StoreCli.Ok(Store, "store", "add", wheel).Stdout);
    }

    [Fact]
    public void ManyWheelsImportInParallelReportInArgumentOrderAndOneBadWheelStopsNoOther()
    {
        var wheels = Enumerable.Range(0, 12).Select(i => Demo($"pkg{i:00}", "1.0")).ToList();
        var bad = _dir.Sub("in", "broken-1.0-py3-none-any.whl");
        File.WriteAllText(bad, "not a zip");
        // The first wheel twice (imported once), the bad one in the middle.
        var result = StoreCli.Run(Store, ["store", "add", wheels[0], .. wheels[..6], bad, .. wheels[6..]]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken-1.0-py3-none-any.whl", Assert.Single(StoreCli.Errors(result)));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"added   pkg{i:00} 1.0"), lines.Select(l => l[..17]));
        Assert.Equal(12, Directory.GetDirectories(Path.Combine(Store, "entries")).Length);
    }

    [Fact]
    public void ScriptsKeepTheirExecuteBitAndEverythingIsReadOnly()
    {
        StoreCli.Ok(Store, "store", "add", Demo());
        var entry = Assert.Single(Directory.GetDirectories(Path.Combine(Store, "entries")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(entry, "demo-1.0.data", "scripts", "demo")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(entry, "demo", "__init__.py")));
    }

    [Fact]
    public void MissingWheelFileIsAnErrorNamingIt()
    {
        var result = StoreCli.Run(Store, "store", "add", _dir.Sub("nope-1.0-py3-none-any.whl"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope-1.0-py3-none-any.whl", Assert.Single(StoreCli.Errors(result)));
    }

    [Fact]
    public void ListAsJsonNamesEachArtifact()
    {
        StoreCli.Ok(Store, "store", "add", Demo("alpha", "1.0"), Demo("beta", "2.0rc1"));
        using var json = JsonDocument.Parse(StoreCli.Ok(Store, "store", "list", "--format", "json").Stdout);
        var artifacts = json.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
        Assert.Equal(["alpha", "beta"], artifacts.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("2.0rc1", artifacts[1].GetProperty("version").GetString());
        Assert.Equal(["py3-none-any"], artifacts[0].GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(64, artifacts[0].GetProperty("sha256").GetString()!.Length);
        Assert.True(artifacts[0].GetProperty("hasEntry").GetBoolean());
    }

    [Fact]
    public void InfoCountsWhatWasAdded()
    {
        StoreCli.Ok(Store, "store", "add", Demo("alpha", "1.0"), Demo("beta", "1.0"));
        using var json = JsonDocument.Parse(StoreCli.Ok(Store, "store", "info", "--format", "json").Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("artifacts").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("entries").GetInt64());
        Assert.Contains("artifacts:  2", StoreCli.Ok(Store, "store", "info").Stdout);
    }

    [Fact]
    public void VerifyReportsADamagedEntryWithItsPathAndRepairRebuildsItFromTheRetainedWheel()
    {
        StoreCli.Ok(Store, "store", "add", Demo());
        var entry = Assert.Single(Directory.GetDirectories(Path.Combine(Store, "entries")));
        var victim = Path.Combine(entry, "demo", "__init__.py");
        // Replace the hardlink with other bytes, as a careless `chmod +w && edit` would.
        File.SetUnixFileMode(Path.GetDirectoryName(victim)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Delete(victim);
        File.WriteAllText(victim, "tampered\n");

        var broken = StoreCli.Run(Store, "store", "verify");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains(victim, broken.Stdout);

        var repaired = StoreCli.Run(Store, "store", "verify", "--repair");
        Assert.True(repaired.ExitCode == 0, repaired.Stdout + repaired.Stderr);
        Assert.Contains("repaired", repaired.Stdout);
        StoreCli.Ok(Store, "store", "verify", "--full");
        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(Store, "entries"))), "demo", "__init__.py")));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("list")]
    [InlineData("info")]
    [InlineData("verify")]
    public void EveryStoreCommandHasHelpWithExamples(string command)
    {
        var help = EnvToolProcess.Run(["store", command, "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.Stdout);
        Assert.Contains($"envtool store {command}", help.Stdout);
    }
}
