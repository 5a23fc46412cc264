using System.Diagnostics;
using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Environments;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;
using Xunit.Abstractions;

namespace EnvTool.Tests.Generations;

/// <summary>
/// SIGKILL the real binary at seeded random moments of create, install and rollback: afterwards the
/// path leads to a complete published tree (or to nothing, when a create never switched), the
/// previous generation still works, and the store verifies clean.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 200;
    private const int Seed = 20240611;

    private readonly TempDir _dir = new("envtool-gen-crash");

    public void Dispose() => _dir.Dispose();

    private sealed record Command(string Name, string[] Args);

    [SkippableFact]
    public void Killing_create_install_and_rollback_at_random_moments_never_breaks_the_environment()
    {
        var python = TestPythons.RequireDefault();
        var storeRoot = _dir.Sub("store");
        var project = _dir.Sub("project");
        Directory.CreateDirectory(project);
        var v1 = Packages.Wheel(_dir.Sub("wheels"), "pkg", "1.0");
        var v2 = Packages.Wheel(_dir.Sub("wheels"), "pkg", "2.0");
        var env = Path.Combine(project, "env");
        var variables = new Dictionary<string, string?> { ["ENVTOOL_STORE"] = storeRoot, ["VIRTUAL_ENV"] = null };

        Command Create(string path) => new("create", ["create", path, "--python", python, v1]);
        Command Install(string wheel) => new("install", ["install", "--env", env, wheel]);
        var rollback = new Command("rollback", ["rollback", "--env", env]);

        // How long each command takes when left alone (the second, warm run): kill delays are spread over that.
        var warm = Path.Combine(project, "warm");
        Timed(Create(warm).Args, variables, project);
        Timed(["install", "--env", warm, v2], variables, project);
        File.Delete(warm);
        var durations = new Dictionary<string, double>
        {
            ["create"] = Timed(Create(warm).Args, variables, project),
            ["install"] = Timed(["install", "--env", warm, v2], variables, project),
            ["rollback"] = Timed(["rollback", "--env", warm], variables, project),
        };
        output.WriteLine($"seed {Seed}; uninterrupted ms: " + string.Join(", ", durations.Select(d => $"{d.Key} {d.Value:F0}")));
        Assert.Equal(0, EnvToolProcess.Run(Create(env).Args, variables, project).ExitCode);

        var random = new Random(Seed);
        var kills = 0;
        var completed = 0;
        var created = 0;
        var fresh = Path.Combine(project, "fresh-0");
        var killedBy = new Dictionary<string, int> { ["create"] = 0, ["install"] = 0, ["rollback"] = 0 };
        for (var iteration = 0; kills < Kills; iteration++)
        {
            Assert.True(iteration < Kills * 5, "too few kills landed: the commands finish before the delays");
            string current;
            bool hasEarlier;
            using (var store = ContentStore.Open(storeRoot))
            {
                var state = store.Environments.Inspect(env);
                current = new TreeBuilder(store).Packages(state.Current!.TreeKey).Single().Version;
                hasEarlier = state.RollbackTarget() is not null;
            }
            var command = random.Next(3) switch
            {
                0 => Create(fresh),
                1 when hasEarlier => rollback,
                _ => Install(current == "1.0" ? v2 : v1),
            };

            // A little past the expected end, so some runs finish and every phase up to the last write gets kills.
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * durations[command.Name] * 1.2);
            var clock = Stopwatch.StartNew();
            using (var process = Process.Start(EnvToolProcess.StartInfo(command.Args, variables, project))!)
            {
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (process.WaitForExit(delay))
                {
                    completed++;
                    // Runs get faster once caches are warm and slower under load: follow what they take now.
                    durations[command.Name] = 0.7 * durations[command.Name] + 0.3 * clock.Elapsed.TotalMilliseconds;
                    Assert.True(process.ExitCode == 0, $"{string.Join(' ', command.Args)} failed: {stderr.Result}");
                }
                else
                {
                    process.Kill();
                    process.WaitForExit();
                    kills++;
                    killedBy[command.Name]++;
                }
            }
            var context = $"iteration {iteration}, after {command.Name} (delay {delay.TotalMilliseconds:F0} ms)";
            Check(storeRoot, env, mustExist: true, context);
            if (command.Name == "create")
            {
                Check(storeRoot, fresh, mustExist: false, context);
                // The next create goes to a new path once this one exists (a killed create is retried in place).
                if (Path.Exists(fresh)) fresh = Path.Combine(project, $"fresh-{++created}");
            }
        }
        output.WriteLine($"{kills} kills ({string.Join(", ", killedBy.Select(k => $"{k.Key} {k.Value}"))}), {completed} commands completed, {created} creates finished");
        Assert.All(killedBy.Values, n => Assert.True(n > 0));
    }

    /// <summary>The invariants after a kill, read with the library as the next command would.</summary>
    private static void Check(string storeRoot, string env, bool mustExist, string context)
    {
        using var store = ContentStore.Open(storeRoot);
        var trees = new TreeBuilder(store);
        var state = store.Environments.Inspect(env);
        if (state.Current is null)
        {
            Assert.False(mustExist, $"{context}: {env} has no current generation");
            Assert.False(Path.Exists(env), $"{context}: no current generation, yet something is at the path");
        }
        else
        {
            Assert.Equal(store.Layout.TreeDir(state.Current.TreeKey), new FileInfo(env).LinkTarget);
            var version = trees.Packages(state.Current.TreeKey).Single().Version;
            Assert.Equal(version, Packages.ImportedVersion(env, "pkg"));
            if (state.Generations.Count > 1)
            {
                var previous = state.Generations[^2];
                Assert.Equal(trees.Packages(previous.TreeKey).Single().Version,
                    Packages.ImportedVersion(store.Layout.TreeDir(previous.TreeKey), "pkg"));
            }
        }
        StoreVerification.AssertClean(store, context);
    }

    private static double Timed(string[] args, IDictionary<string, string?> variables, string cwd)
    {
        var clock = Stopwatch.StartNew();
        var result = EnvToolProcess.Run(args, variables, cwd);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return clock.Elapsed.TotalMilliseconds;
    }
}
