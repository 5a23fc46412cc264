using EnvTool.Store.Native;

namespace EnvTool.Store.IO;

/// <summary>Whole-directory operations publishing needs: read-only marking, fsync, and removal of read-only trees.</summary>
internal static class DirectoryTree
{
    internal const UnixFileMode ReadOnlyDirMode =
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode WritableDirMode = ReadOnlyDirMode | UnixFileMode.UserWrite;

    /// <summary>Every directory under <paramref name="root"/>, deepest first (root itself excluded).</summary>
    internal static List<string> SubdirectoriesDeepestFirst(string root)
    {
        var dirs = Directory.GetDirectories(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).ToList();
        dirs.Sort((a, b) => b.Length.CompareTo(a.Length));
        return dirs;
    }

    /// <summary>Marks every directory below the root 0555 and fsyncs each, then the root (still writable: it is renamed next).</summary>
    internal static void SealBelowRoot(string root)
    {
        foreach (var dir in SubdirectoriesDeepestFirst(root))
        {
            Posix.Chmod(dir, ReadOnlyDirMode);
            Posix.FsyncDirectory(dir);
        }
        Posix.FsyncDirectory(root);
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

    private static void MakeWritable(string root)
    {
        Posix.Chmod(root, WritableDirMode);
        foreach (var dir in Directory.EnumerateDirectories(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            Posix.Chmod(dir, WritableDirMode);
    }
}
