using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Wheels;

/// <summary>
/// Invariant 2: `envtool store add` killed with SIGKILL at random instants never leaves a store that
/// verify calls unclean, and the next import of the same wheels succeeds. Four seeded runs, each in
/// its own store reused across its kills, each until it has landed 50 kills while an import was
/// running: 200 in all. Every attempt imports wheels its store has not seen, so there
/// is always work to interrupt; kill delays are spread over the measured length of a whole import,
/// start-up included, which imports that finish before their kill keep up to date.
/// </summary>
public class CrashSafetyTests
{
    private const int KillsPerRun = 50;
    private const int MaxAttemptsPerRun = 120;
    private const int WheelsPerAttempt = 3;
    private const int TimedImports = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task KilledImportsLeaveACleanStore(int run)
    {
        using var dir = new TempDir("envtool-crash");
        var seed = 7919 * run;
        var random = new Random(seed);
        var store = dir.Sub($"store{run}");

        // How long a whole import takes (the first import also creates the store, so it is not timed):
        // the median of three, as one sample taken while other tests load the machine can be several
        // times the usual, and then most kills would come after the import had finished.
        StoreCli.Ok(store, ["store", "add", .. Batch(dir, run, 0)]);
        var samples = new List<TimeSpan>();
        for (var timed = 1; timed <= TimedImports; timed++)
        {
            var timer = Stopwatch.StartNew();
            StoreCli.Ok(store, ["store", "add", .. Batch(dir, run, timed)]);
            samples.Add(timer.Elapsed);
        }
        var duration = samples.Order().ElementAt(TimedImports / 2);

        var kills = 0;
        for (var attempt = TimedImports + 1; kills < KillsPerRun; attempt++)
        {
            Assert.True(attempt < MaxAttemptsPerRun, $"run {run} (seed {seed}): only {kills} of {attempt} kills landed during an import of {duration}");
            var wheels = Batch(dir, run, attempt);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 0.9);
            var context = $"run {run} (seed {seed}), attempt {attempt}, kill after {delay.TotalMilliseconds:F0} ms";

            var clock = Stopwatch.StartNew();
            using (var p = Process.Start(EnvToolProcess.StartInfo(["--store", store, "store", "add", .. wheels]))!)
            {
                p.StandardInput.Close();
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(delay))
                {
                    p.Kill(); // SIGKILL: no handler, no cleanup
                    kills++;
                }
                else
                {
                    // Finished before the kill: the machine runs imports at this speed now (it drifts
                    // several-fold while other tests run), so later delays follow it, as CrashTests' do.
                    duration = 0.7 * duration + 0.3 * clock.Elapsed;
                }
                await p.WaitForExitAsync();
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
    }

    /// <summary>The wheels of one attempt: new names, file contents partly shared with other attempts.</summary>
    private static List<string> Batch(TempDir dir, int run, int attempt) =>
        Enumerable.Range(0, WheelsPerAttempt).Select(w =>
        {
            var name = $"crash{run}a{attempt}w{w}";
            return new WheelBuilder(name, "1.0")
                .File($"{name}/__init__.py", $"RUN = {run}\n")
                .Files(40, i => $"{name}/m{i}.py", i => Content(i, i % 3 == 0 ? 0 : attempt))
                .Script(name, "#!python\n")
                .WriteTo(dir.Sub($"wheels{run}", $"a{attempt}"));
        }).ToList();

    private static byte[] Content(int file, int variant)
    {
        var bytes = new byte[file % 7 == 0 ? 20_000 : 300 + file];
        for (var k = 0; k < bytes.Length; k++) bytes[k] = (byte)((k * 31 + file + variant) & 0x7F);
        return bytes;
    }
}
