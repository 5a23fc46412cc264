using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>Invariant 4: several real processes importing the same wheels into one store at once.</summary>
public class ConcurrentImportTests
{
    [Fact]
    public async Task FourProcessesImportingTheSameHundredWheelsPublishEachOnce()
    {
        using var dir = new TempDir("envtool-concurrent");
        var store = dir.Sub("store");
        var wheels = Enumerable.Range(0, 100).Select(i =>
            new WheelBuilder($"pkg{i:D3}", "1.0")
                .File($"pkg{i:D3}/__init__.py", $"N = {i}\n")
                .File($"pkg{i:D3}/common.py", "shared by every wheel, so objects are contended too\n")
                .Files(10, j => $"pkg{i:D3}/m{j}.py", j => System.Text.Encoding.UTF8.GetBytes($"# module {j} of {(j % 2 == 0 ? i : 0)}\n"))
                .Script($"pkg{i:D3}", "#!python\n")
                .WriteTo(dir.Sub("wheels"))).ToList();

        // Two processes go forwards and two backwards, so they meet on every wheel.
        var orders = new[] { wheels, wheels, Enumerable.Reverse(wheels).ToList(), Enumerable.Reverse(wheels).ToList() };
        var processes = orders.Select(order =>
        {
            var p = Process.Start(EnvToolProcess.StartInfo(["--store", store, "store", "add", .. order]))!;
            p.StandardInput.Close();
            return (Process: p, Stdout: p.StandardOutput.ReadToEndAsync(), Stderr: p.StandardError.ReadToEndAsync());
        }).ToList();
        foreach (var (p, stdout, stderr) in processes)
        {
            Assert.True(p.WaitForExit(TimeSpan.FromMinutes(3)), "envtool store add did not finish");
            var (output, errors) = (await stdout, await stderr);
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {errors}");
            Assert.Equal("", errors);
            Assert.Equal(100, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            p.Dispose();
        }

        using var opened = ContentStore.Open(store);
        var artifacts = opened.ListArtifacts();
        Assert.Equal(100, artifacts.Count);
        Assert.Equal(100, artifacts.Select(a => a.Sha256).Distinct().Count());
        Assert.All(artifacts, a => Assert.True(a.HasEntry));
        Assert.Equal(artifacts.Select(a => a.Sha256).Order(StringComparer.Ordinal),
            Directory.GetDirectories(Path.Combine(store, "entries")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var a in artifacts)
            Assert.Equal(16, Directory.GetFiles(Path.Combine(store, "entries", a.Sha256), "*", SearchOption.AllDirectories).Length);
        StoreVerification.AssertClean(opened);
    }
}
