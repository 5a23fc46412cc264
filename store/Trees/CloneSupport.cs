using System.Collections.Concurrent;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;

namespace EnvTool.Store.Trees;

/// <summary>
/// Whether the store's file system can clone files, found by trying: FICLONE on a scratch file in
/// tmp/. The answer cannot change while the store stays on one file system, so it is kept in
/// cache/clone-support with the device it was found on (every `auto` create asks, and the probe's
/// two file creations and deletions cost half a millisecond), and per store root per process.
/// </summary>
internal static class CloneSupport
{
    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    internal static bool Supported(StoreLayout layout) => Known.GetOrAdd(layout.Root, _ => Remembered(layout));

    private static bool Remembered(StoreLayout layout)
    {
        var device = Posix.Stat(layout.TmpDir).Device.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = Path.Combine(layout.CacheDir, "clone-support");
        if (CacheFile.TryRead(file)?.Split(' ', StringSplitOptions.TrimEntries) is [var dev, "yes" or "no"] saved && dev == device)
            return saved[1] == "yes";
        var supported = Probe(layout);
        CacheFile.TryWrite(file, device + " " + (supported ? "yes" : "no"));
        return supported;
    }

    private static bool Probe(StoreLayout layout)
    {
        var source = Path.Combine(layout.TmpDir, $"clone-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var clone = source + ".clone";
        try
        {
            File.WriteAllBytes(source, [1, 2, 3, 4]);
            return FileCloning.TryClone(source, clone, UnixFileMode.UserRead) == 0;
        }
        finally
        {
            File.Delete(clone);
            File.Delete(source);
        }
    }
}
