using System.Globalization;

namespace EnvTool.Store.Native;

/// <summary>
/// A process as a root row records it: its pid plus its start time (field 22 of /proc/PID/stat,
/// clock ticks after boot), for people reading the catalog. Whether the process lives is asked of
/// its owner lock (see Locks.OwnerLock), which also answers for other machines and pid namespaces;
/// only rows written before owner locks existed are judged by pid, where a pid the kernel handed to
/// a new process after the owner died must not keep the owner's roots alive.
/// </summary>
internal readonly record struct ProcessIdentity(long Pid, long? StartTicks)
{
    internal static ProcessIdentity Current { get; } = new(Environment.ProcessId, StartTicksOf(Environment.ProcessId));

    /// <summary>True while a process with this pid (and, when recorded, this start time) exists.</summary>
    internal bool IsAlive()
    {
        if (Pid <= 0) return false;
        var started = StartTicksOf(Pid);
        if (started is null) return Directory.Exists("/proc/self") ? false : true; // without /proc, assume alive: keeping is safe
        return StartTicks is not { } recorded || recorded == started;
    }

    private static long? StartTicksOf(long pid)
    {
        string text;
        try
        {
            // Bytes, then ASCII: ReadAllText would set up a stream reader's buffers for one short line.
            text = System.Text.Encoding.ASCII.GetString(File.ReadAllBytes($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may itself hold spaces or ')'.
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
