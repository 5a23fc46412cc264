namespace EnvTool.Store.Gc;

/// <summary>The physical size of a store: every regular file in it, each inode counted once.</summary>
internal static class StoreSize
{
    internal static long Measure(Layout.StoreLayout layout)
    {
        var seen = new HashSet<(ulong, ulong)>();
        long bytes = 0;
        foreach (var file in InodeTally.Files(layout.Root))
            if (Native.Posix.TryStat(file) is { IsRegularFile: true } status && seen.Add((status.Device, status.Inode)))
                bytes += status.Size;
        return bytes;
    }
}
