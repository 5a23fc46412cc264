using EnvTool.Store.Errors;
using EnvTool.Store.Native;

namespace EnvTool.Store.IO;

/// <summary>
/// Removing a sealed (0555) directory means making it writable first, which only its owner or root
/// may do. In a store several users share, a directory another user published is therefore set
/// aside instead: renamed, within its own parent (moving a directory to another parent needs write
/// permission on the directory itself), to a <see cref="Prefix"/> name that no lookup, publisher or
/// sweeper uses. Its name is free at once for the next publisher, its content stays read-only, and
/// the next gc run by its owner or by root removes it (<see cref="Empty"/>).
/// </summary>
internal static class Trash
{
    internal const string Prefix = ".trash-";

    internal static bool IsTrash(string path) => Path.GetFileName(path).StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Removes <paramref name="path"/> (a directory, even a sealed one, or a file; missing is fine),
    /// or sets it aside when it is a directory this user may not make writable.
    /// </summary>
    /// <param name="beforeRemove">Called with the path just before it is removed (not when it is set aside).</param>
    /// <returns>False when the directory was set aside rather than removed.</returns>
    /// <exception cref="ForeignDirectoryException">It is another user's and cannot be renamed either.</exception>
    internal static bool Discard(string path, Action<string>? beforeRemove = null)
    {
        if (Posix.TryStat(path) is not { } status) return true;
        if (!status.IsDirectory || MayRemove(status))
        {
            beforeRemove?.Invoke(path);
            DirectoryTree.Remove(path);
            return true;
        }
        var aside = Path.Combine(Path.GetDirectoryName(path)!, $"{Prefix}{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        var errno = Posix.TryRenameNoReplace(path, aside);
        if (errno == Errno.ENOENT) return true; // someone else removed it meanwhile
        if (errno != 0) throw new ForeignDirectoryException(path, status.Uid, Posix.Error("rename", path, errno));
        return false;
    }

    /// <summary>
    /// Removes the set-aside directories in <paramref name="parents"/> that this user may remove
    /// (all of them as root). Returns those removed and those left for their owners.
    /// </summary>
    internal static (List<string> Removed, List<string> Left) Empty(IEnumerable<string> parents, bool dryRun, Action<string> beforeRemove)
    {
        var removed = new List<string>();
        var left = new List<string>();
        foreach (var parent in parents)
        {
            if (!Directory.Exists(parent)) continue;
            foreach (var path in Directory.EnumerateDirectories(parent, Prefix + "*"))
            {
                if (Posix.TryStat(path) is not { } status) continue;
                if (!MayRemove(status))
                {
                    left.Add(path);
                    continue;
                }
                beforeRemove(path);
                if (!dryRun) DirectoryTree.Remove(path);
                removed.Add(path);
            }
        }
        return (removed, left);
    }

    /// <summary>Only the owner (or root) may chmod a directory, and removing a sealed one starts with that.</summary>
    private static bool MayRemove(FileStatus status) => CurrentUser.EffectiveId is var uid && (uid == 0 || uid == status.Uid);
}
