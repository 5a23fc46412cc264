namespace EnvTool.Store.Native;

/// <summary>What statx(2) reports about one file: enough to tell hard links apart and notice changes.</summary>
public readonly record struct FileStatus(
    ulong Device,
    ulong Inode,
    uint LinkCount,
    uint Mode,
    long Size,
    long MtimeNs,
    long CtimeNs)
{
    /// <summary>The owner's user id.</summary>
    public uint Uid { get; init; }

    /// <summary>The group id.</summary>
    public uint Gid { get; init; }

    public bool IsDirectory => (Mode & 0xF000) == 0x4000;
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;
    public bool IsSymbolicLink => (Mode & 0xF000) == 0xA000;
    public uint Permissions => Mode & 0xFFF;

    /// <summary>statx(2) of <paramref name="path"/> itself (a symlink is not followed).</summary>
    /// <exception cref="PosixException">It cannot be read.</exception>
    public static FileStatus Of(string path) => Posix.Stat(path);

    /// <summary>statx(2) of what <paramref name="path"/> names (symlinks followed), or null when nothing is there.</summary>
    /// <exception cref="PosixException">It cannot be read for another reason (permissions, I/O).</exception>
    public static FileStatus? TryOf(string path) => Posix.TryStatFollowing(path);

    /// <summary>True when both name the same inode on the same device.</summary>
    public bool SameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;
}
