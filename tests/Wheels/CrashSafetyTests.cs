using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Wheels;

/// <summary>
/// Invariant 2: `envtool store add` killed with SIGKILL at random instants never leaves a store that
/// verify calls unclean, and the next import of the same wheels succeeds. Seeded, so a failure
/// reproduces; four runs of 50 kills each (200 in all), every run in its own store reused across
/// its kills, every kill on wheels that store has not seen yet, so there is always work to interrupt.
/// </summary>
public class CrashSafetyTests
{
    private const int KillsPerRun = 50;
    private const int WheelsPerKill = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task KilledImportsLeaveACleanStore(int run)
    {
        var seed = 7919 * run;
        var random = new Random(seed);
        using var dir = new TempDir("envtool-crash");
        var store = dir.Sub("store");

        // How long a whole import takes, JIT start-up included: kill delays are spread over it.
        var timer = Stopwatch.StartNew();
        StoreCli.Ok(store, ["store", "add", .. Batch(dir, run, -1)]);
        var duration = timer.Elapsed;

        var interrupted = 0;
        for (var kill = 0; kill < KillsPerRun; kill++)
        {
            var wheels = Batch(dir, run, kill);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 1.1);
            var context = $"run {run} (seed {seed}), kill {kill} after {delay.TotalMilliseconds:F0} ms";

            using (var p = Process.Start(EnvToolProcess.StartInfo(["--store", store, "store", "add", .. wheels]))!)
            {
                p.StandardInput.Close();
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(delay))
                {
                    p.Kill(); // SIGKILL: no handler, no cleanup
                    interrupted++;
                }
                p.WaitForExit();
                if (p.ExitCode is not (0 or 137)) // 137: killed by SIGKILL
                    Assert.Fail($"{context}: envtool exited {p.ExitCode}: {await stderr}");
                await stdout;
            }

            using var opened = ContentStore.Open(store);
            StoreVerification.AssertClean(opened, context);
            var importer = new WheelImporter(opened);
            foreach (var wheel in wheels)
            {
                var import = importer.Import(wheel);
                Assert.True(Directory.Exists(import.Entry.Path), $"{context}: {wheel} has no entry directory");
            }
        }
        // The kills must actually have landed while the process ran, most of the time.
        Assert.True(interrupted >= KillsPerRun / 2, $"only {interrupted} of {KillsPerRun} kills interrupted an import (import took {duration})");
    }

    /// <summary>The wheels kill number <paramref name="kill"/> of one run imports: new names, some shared file contents.</summary>
    private static List<string> Batch(TempDir dir, int run, int kill) =>
        Enumerable.Range(0, WheelsPerKill).Select(w =>
        {
            var name = $"crash{run}k{kill + 1}w{w}";
            return new WheelBuilder(name, "1.0")
                .File($"{name}/__init__.py", $"RUN = {run}\n")
                .Files(40, i => $"{name}/m{i}.py", i => new byte[i % 7 == 0 ? 20_000 : 300 + i].Select((_, k) => (byte)((k * 31 + i + (i % 3 == 0 ? 0 : kill)) & 0x7F)).ToArray())
                .Script(name, "#!python\n")
                .WriteTo(dir.Sub("wheels", $"k{kill + 1}"));
        }).ToList();
}
