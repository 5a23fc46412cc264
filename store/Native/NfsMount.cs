using System.Globalization;

namespace EnvTool.Store.Native;

/// <summary>
/// How an NFS mount handles file locks, from /proc/self/mountinfo. Mounted with <c>nolock</c> (shown
/// as <c>local_lock=all</c>) or <c>local_lock=flock</c>, flock(2) succeeds but locks only against
/// processes on the same machine: another machine using the store would not be excluded, and two
/// machines could unpack into one entry or gc could remove what the other is using.
/// </summary>
internal static class NfsMount
{
    /// <summary>The local_lock option that keeps flocks on this machine (<c>all</c> or <c>flock</c>), or null.</summary>
    internal static string? LocalFlockOption(string path)
    {
        string mountInfo;
        try
        {
            mountInfo = File.ReadAllText("/proc/self/mountinfo");
        }
        catch (IOException)
        {
            return null;
        }
        return LocalFlockOption(mountInfo, Posix.Stat(path).Device);
    }

    /// <param name="mountInfo">The text of a mountinfo file (proc(5)).</param>
    /// <param name="device">The st_dev of a file on the mount, as <see cref="FileStatus.Device"/> packs it (major &lt;&lt; 32 | minor).</param>
    internal static string? LocalFlockOption(string mountInfo, ulong device)
    {
        var wanted = DeviceText(device);
        foreach (var line in mountInfo.Split('\n'))
        {
            // 36 35 0:52 / /mnt/store rw,relatime shared:1 - nfs4 server:/export rw,vers=4.2,...,local_lock=none,addr=...
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length < 3 || fields[2] != wanted || separator < 0 || separator + 3 >= fields.Length) continue;
            if (!fields[separator + 1].StartsWith("nfs", StringComparison.Ordinal)) return null;
            foreach (var option in fields[separator + 3].Split(','))
                if (option is "local_lock=all" or "local_lock=flock") return option;
            return null;
        }
        return null;
    }

    private static string DeviceText(ulong device) => string.Create(CultureInfo.InvariantCulture, $"{device >> 32}:{device & 0xFFFF_FFFF}");
}
