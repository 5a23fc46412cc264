using System.Globalization;
using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// Whether a process recorded earlier is still the same running process. A pid alone is not enough:
/// pids are reused, so the process's start time (field 22 of /proc/PID/stat, clock ticks since boot)
/// is recorded with it and compared.
/// </summary>
public static class ProcessLiveness
{
    /// <summary>The real user id of this process.</summary>
    public static uint CurrentUserId => Libc.GetUid();

    /// <summary>The start time of process <paramref name="pid"/>, or null when there is no such process (or no /proc).</summary>
    public static long? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may itself hold spaces and ')': fields
        // after it are counted from the LAST ')'. starttime is field 22, the 20th after it.
        var close = stat.LastIndexOf(')');
        if (close < 0) return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    /// <summary>
    /// True when <paramref name="pid"/> exists (kill(pid, 0) succeeds, or fails with EPERM: it exists
    /// but belongs to someone else) and, when <paramref name="startTime"/> is known, started then.
    /// </summary>
    public static bool IsAlive(int pid, long? startTime)
    {
        if (pid <= 0) return false;
        if (Libc.Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() != Errno.EPERM) return false;
        return startTime is not { } expected || StartTime(pid) is not { } actual || actual == expected;
    }
}
