using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

/// <summary>
/// The order of writes that makes a switch survive a power loss: the generation row must be on disk
/// (the catalog's WAL fdatasynced) before the rename that makes the environment's symlink name its
/// tree. Traced with strace on the real program, since a power loss cannot be staged in a test.
/// </summary>
public sealed class SwitchDurabilityTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-durable");

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void The_generation_is_synced_to_the_catalog_before_the_symlink_switches()
    {
        Skip.IfNot(StracedEnvTool.Available, "strace is not installed (.ci/run installs it)");
        var python = TestPythons.RequireDefault();
        var wheels = _dir.Sub("wheels");
        var project = _dir.Sub("project");
        Directory.CreateDirectory(project);
        var env = Path.Combine(project, ".venv");

        var created = Traced(project, "create", env, "--python", python, "--no-compile", Packages.Wheel(wheels, "alpha", "1.0"));
        AssertSyncedBeforeSwitch(created, env);

        var installed = Traced(project, "install", "--env", env, Packages.Wheel(wheels, "alpha", "2.0"));
        AssertSyncedBeforeSwitch(installed, env);

        var rolledBack = Traced(project, "rollback", "--env", env);
        AssertSyncedBeforeSwitch(rolledBack, env);
        Assert.Equal("1.0", Packages.ImportedVersion(env, "alpha"));
    }

    private static void AssertSyncedBeforeSwitch(IReadOnlyList<string> trace, string env)
    {
        var rename = trace.ToList().FindIndex(line => line.Contains("rename") && line.Contains($"\"{env}\""));
        Assert.True(rename >= 0, "no rename onto the environment path in the trace:\n" + string.Join('\n', trace));
        var walSyncs = trace.Take(rename).Count(line => StracedEnvTool.WalSync().IsMatch(line));
        Assert.True(walSyncs > 0, "the catalog's WAL was not synced before the switch:\n" + string.Join('\n', trace));
    }

    /// <summary>The syncs and renames of one envtool command (all threads), each line with its file descriptors' paths.</summary>
    private List<string> Traced(string cwd, params string[] args) =>
        StracedEnvTool.Run(_dir.Sub($"strace-{Guid.NewGuid():N}.log"), "fsync,fdatasync,rename,renameat,renameat2",
            new Dictionary<string, string?> { ["ENVTOOL_STORE"] = _dir.Sub("store"), ["VIRTUAL_ENV"] = null }, cwd, args);
}
