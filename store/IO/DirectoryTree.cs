using EnvTool.Store.Native;

namespace EnvTool.Store.IO;

/// <summary>Whole-directory operations publishing needs: read-only marking, fsync, and removal of read-only trees.</summary>
internal static class DirectoryTree
{
    internal const UnixFileMode ReadOnlyDirMode =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode WritableDirMode = ReadOnlyDirMode | UnixFileMode.UserWrite;

    /// <summary>
    /// Every directory below, hidden ones included, never through a symbolic link: trees hold links
    /// such as lib64 -> lib and bin/python3 -> /usr/bin/python3, which must not be walked (or chmodded) twice or outside.
    /// </summary>
    private static readonly EnumerationOptions Walk = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>Every directory under <paramref name="root"/>, deepest first (root itself excluded).</summary>
    internal static List<string> SubdirectoriesDeepestFirst(string root)
    {
        var dirs = Directory.GetDirectories(root, "*", Walk).ToList();
        dirs.Sort((a, b) => b.Length.CompareTo(a.Length));
        return dirs;
    }

    /// <summary>Marks every directory below the root 0555 (the root stays writable: it is renamed next, which needs that).</summary>
    internal static void SealBelowRoot(string root)
    {
        foreach (var dir in SubdirectoriesDeepestFirst(root))
            Posix.Chmod(dir, ReadOnlyDirMode);
    }

    /// <summary>Removes a directory tree even when it was sealed read-only. Missing is fine.</summary>
    internal static void Remove(string path)
    {
        var status = Posix.TryStat(path);
        if (status is null) return;
        if (!status.Value.IsDirectory)
        {
            File.Delete(path);
            return;
        }
        MakeWritable(path);
        Directory.Delete(path, recursive: true);
    }

    /// <summary>
    /// Clears the immutable flag (sealed trees carry it) and restores the owner's write bit on the
    /// root and every directory below it.
    /// </summary>
    internal static void MakeWritable(string root)
    {
        MakeWritableDirectory(root);
        foreach (var dir in Directory.EnumerateDirectories(root, "*", Walk))
            MakeWritableDirectory(dir);
    }

    private static void MakeWritableDirectory(string dir)
    {
        // Only a flagged directory needs (and, without CAP_LINUX_IMMUTABLE, permits) the clearing ioctl.
        if (InodeFlags.IsImmutable(dir))
        {
            var errno = InodeFlags.TrySetImmutable(dir, immutable: false);
            if (errno != 0) throw Posix.Error("clear immutable flag", dir, errno);
        }
        Posix.Chmod(dir, WritableDirMode);
    }
}
