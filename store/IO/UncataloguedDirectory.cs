using EnvTool.Store.Locks;

namespace EnvTool.Store.IO;

/// <summary>
/// Removes a published directory (entry, tree, overlay) that has no catalog row. Its publisher holds
/// <paramref name="lockPath"/> from the rename until the row is committed, so under that lock a
/// directory without a row is debris, never work in progress; the row is checked again under it
/// because a new publisher may have put a fresh directory and row in place meanwhile.
/// </summary>
internal static class UncataloguedDirectory
{
    /// <param name="beforeRemove">Called with the directory just before it goes (gc counts the bytes it frees);
    /// not when another user's directory is set aside instead (see <see cref="Trash"/>).</param>
    /// <returns>true when the directory is gone from its name; false when it is (now) catalogued.</returns>
    internal static bool Remove(string lockPath, string directory, Func<bool> catalogued, Action<string>? beforeRemove = null)
    {
        var fileLock = FileLock.Acquire(lockPath);
        try
        {
            if (catalogued()) return false;
            Trash.Discard(directory, beforeRemove); // clears the immutable flag of sealed trees first
            return true;
        }
        finally
        {
            fileLock.DisposeAndDelete();
        }
    }
}
