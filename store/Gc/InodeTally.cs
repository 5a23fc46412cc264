using EnvTool.Store.Native;

namespace EnvTool.Store.Gc;

/// <summary>
/// Counts the bytes that removing a set of names frees: a file's bytes are freed only when every
/// name of its inode is in the set, and then counted once. Names are added before they are removed
/// (the link count is read at first sight), so the same tally serves a dry run and a real one.
/// </summary>
internal sealed class InodeTally
{
    private readonly Dictionary<(ulong Device, ulong Inode), (long Size, uint Links, uint Seen)> _inodes = [];

    /// <summary>Bytes of the inodes all of whose names were added.</summary>
    internal long FreedBytes { get; private set; }

    /// <summary>Adds one name (a regular file; anything else is ignored, as is a name already gone).</summary>
    internal void AddFile(string path)
    {
        if (Posix.TryStat(path) is not { IsRegularFile: true } status) return;
        var key = (status.Device, status.Inode);
        var (size, links, seen) = _inodes.TryGetValue(key, out var known) ? known : (status.Size, status.LinkCount, 0u);
        seen++;
        _inodes[key] = (size, links, seen);
        if (seen == links) FreedBytes += size;
    }

    /// <summary>Adds every file under <paramref name="root"/> (not following symbolic links); a file root is added as itself.</summary>
    internal void AddTree(string root)
    {
        if (Posix.TryStat(root) is not { } status) return;
        if (!status.IsDirectory)
        {
            AddFile(root);
            return;
        }
        foreach (var file in Files(root)) AddFile(file);
    }

    /// <summary>Every regular file name under a directory, never through a symbolic link.</summary>
    internal static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
        });
}
