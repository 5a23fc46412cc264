using System.Collections.Concurrent;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;

namespace EnvTool.Store.Trees;

/// <summary>
/// Whether the store's file system can clone files, found by trying: FICLONE on a scratch file in
/// tmp/. Asked once per store root per process (the answer cannot change while the store is mounted).
/// </summary>
internal static class CloneSupport
{
    private static readonly ConcurrentDictionary<string, bool> Known = new(StringComparer.Ordinal);

    internal static bool Supported(StoreLayout layout) => Known.GetOrAdd(layout.Root, _ => Probe(layout));

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
