using EnvTool.Store.IO;
using EnvTool.Store.Native;

namespace EnvTool.Store.Trees;

/// <summary>
/// Makes a tree read-only for everyone, root included: directories 0555 (files are already
/// read-only store files) plus the immutable flag on every directory where the process may set it,
/// because root ignores permission bits and `pip install` as root would otherwise succeed.
/// </summary>
public static class TreeSealing
{
    /// <summary>
    /// Seals the directories below <paramref name="root"/> (not the root itself: it is renamed next),
    /// deepest first, since a sealed directory takes no more changes.
    /// </summary>
    /// <param name="directories">Every directory below the root, relative to it (the tree's builder made them all).</param>
    /// <returns>False when the immutable flag could not be set (no CAP_LINUX_IMMUTABLE, or a file system without it).</returns>
    internal static bool SealBelowRoot(string root, IEnumerable<string> directories)
    {
        var immutable = true;
        foreach (var dir in directories.OrderByDescending(d => d.Count(c => c == '/')))
            immutable &= SealDirectory(Path.Combine(root, dir), immutable);
        return immutable;
    }

    /// <summary>0555 and, when <paramref name="tryImmutable"/>, the immutable flag; false if the flag was refused.</summary>
    internal static bool SealDirectory(string dir, bool tryImmutable)
    {
        Posix.Chmod(dir, DirectoryTree.ReadOnlyDirMode);
        return tryImmutable && InodeFlags.TrySetImmutable(dir, immutable: true) == 0;
    }

    /// <summary>
    /// Clears the immutable flag and restores the owner's write bit on <paramref name="root"/> and
    /// every directory in it, so it can be removed (gc) or repaired. Missing is fine.
    /// </summary>
    public static void Unseal(string root)
    {
        if (Posix.TryStat(root) is not { IsDirectory: true }) return;
        DirectoryTree.MakeWritable(root);
    }

    /// <summary>True when the directory carries the immutable flag.</summary>
    public static bool IsImmutable(string directory) => InodeFlags.IsImmutable(directory);
}
