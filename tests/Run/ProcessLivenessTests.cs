using System.Diagnostics;
using EnvTool.Store.Native;

namespace EnvTool.Tests.Run;

/// <summary>How gc tells a running `envtool run` from a dead one whose pid was reused.</summary>
public sealed class ProcessLivenessTests
{
    [Fact]
    public void This_process_is_alive_with_its_own_start_time_and_not_with_another()
    {
        var pid = Environment.ProcessId;
        var start = ProcessLiveness.StartTime(pid);
        Assert.NotNull(start);
        Assert.True(ProcessLiveness.IsAlive(pid, start));
        Assert.True(ProcessLiveness.IsAlive(pid, null));
        Assert.False(ProcessLiveness.IsAlive(pid, start + 1)); // same pid, another process: a reused pid
    }

    [Fact]
    public void A_process_that_exited_is_not_alive()
    {
        using var p = Process.Start("true")!;
        var pid = p.Id;
        p.WaitForExit();
        p.Dispose(); // reaped: the pid is free
        Assert.False(ProcessLiveness.IsAlive(pid, null));
        Assert.Null(ProcessLiveness.StartTime(pid));
        Assert.False(ProcessLiveness.IsAlive(0, null));
        Assert.False(ProcessLiveness.IsAlive(-1, null));
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_confuse_the_start_time()
    {
        var dir = Path.Combine(Path.GetTempPath(), "envtool-liveness-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var odd = Path.Combine(dir, "a) b (c");
            File.Copy("/bin/sleep", odd);
            File.SetUnixFileMode(odd, (UnixFileMode)Convert.ToInt32("755", 8));
            using var p = Process.Start(odd, "30")!;
            try
            {
                var start = ProcessLiveness.StartTime(p.Id);
                Assert.NotNull(start);
                Assert.True(start >= ProcessLiveness.StartTime(Environment.ProcessId));
                Assert.True(ProcessLiveness.IsAlive(p.Id, start));
            }
            finally
            {
                p.Kill();
                p.WaitForExit();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
