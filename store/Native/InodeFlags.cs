using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// Inode flags (chattr) on directories:
/// <list type="bullet">
/// <item>Immutable (+i) forbids creating, removing or renaming names in a directory, even for root,
/// who ignores permission bits: that is what makes a sealed tree refuse `pip install` run as root.
/// Setting or clearing it needs CAP_LINUX_IMMUTABLE.</item>
/// <item>Top of a directory hierarchy (+T) tells ext4's Orlov allocator to spread the directory's
/// children over block groups instead of packing them near it (see <see cref="Staging.StagingDirectory"/>).</item>
/// </list>
/// Both need a file system that has them (ext4, and xfs/btrfs for +i; not tmpfs or overlayfs).
/// </summary>
internal static class InodeFlags
{
    /// <summary>Sets or clears the immutable flag on a directory. Returns 0 or the errno (EPERM, ENOTTY/EOPNOTSUPP when unsupported).</summary>
    internal static int TrySetImmutable(string directory, bool immutable) => TrySet(directory, Libc.FsImmutableFl, immutable);

    /// <summary>Marks a directory as the top of directory hierarchies. Returns 0 or the errno.</summary>
    internal static int TrySetTopDirectory(string directory) => TrySet(directory, Libc.FsTopDirFl, on: true);

    /// <summary>True when the directory carries the immutable flag; false when not, or when flags are unsupported there.</summary>
    internal static bool IsImmutable(string directory) => Has(directory, Libc.FsImmutableFl);

    /// <summary>True when the directory is marked as the top of directory hierarchies.</summary>
    internal static bool IsTopDirectory(string directory) => Has(directory, Libc.FsTopDirFl);

    private static bool Has(string directory, int flag)
    {
        var fd = OpenDirectory(directory);
        if (fd < 0) return false;
        try
        {
            return TryGet(fd, out var flags) == 0 && (flags & flag) != 0;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static int TrySet(string directory, int flag, bool on)
    {
        var fd = OpenDirectory(directory);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        try
        {
            return Update(fd, flag, on);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static int OpenDirectory(string directory) =>
        Libc.Open(directory, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec | Libc.ONoFollow, 0);

    private static unsafe int TryGet(int fd, out int flags)
    {
        int value = 0;
        var r = Libc.IoctlPointer(fd, Libc.FsIocGetFlags, &value);
        flags = value;
        return r == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static unsafe int Update(int fd, int flag, bool on)
    {
        var errno = TryGet(fd, out var flags);
        if (errno != 0) return errno;
        var wanted = on ? flags | flag : flags & ~flag;
        if (wanted == flags) return 0;
        return Libc.IoctlPointer(fd, Libc.FsIocSetFlags, &wanted) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
