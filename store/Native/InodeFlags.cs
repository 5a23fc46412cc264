using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// The immutable inode flag (chattr +i). On a directory it forbids creating, removing or renaming
/// names in it, even for root, who ignores permission bits: that is what makes a sealed tree refuse
/// `pip install` run as root. Setting or clearing it needs CAP_LINUX_IMMUTABLE and a file system
/// that supports it (ext4, xfs, btrfs; not tmpfs or overlayfs).
/// </summary>
internal static class InodeFlags
{
    /// <summary>Sets or clears the flag on a directory. Returns 0 or the errno (EPERM, ENOTTY/EOPNOTSUPP when unsupported).</summary>
    internal static int TrySetImmutable(string directory, bool immutable)
    {
        var fd = Libc.Open(directory, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec | Libc.ONoFollow, 0);
        if (fd < 0) return Marshal.GetLastPInvokeError();
        try
        {
            return Update(fd, immutable);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>True when the directory carries the flag; false when not, or when flags are unsupported there.</summary>
    internal static bool IsImmutable(string directory)
    {
        var fd = Libc.Open(directory, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec | Libc.ONoFollow, 0);
        if (fd < 0) return false;
        try
        {
            return TryGet(fd, out var flags) == 0 && (flags & Libc.FsImmutableFl) != 0;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static unsafe int TryGet(int fd, out int flags)
    {
        int value = 0;
        var r = Libc.IoctlPointer(fd, Libc.FsIocGetFlags, &value);
        flags = value;
        return r == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    private static unsafe int Update(int fd, bool immutable)
    {
        var errno = TryGet(fd, out var flags);
        if (errno != 0) return errno;
        var wanted = immutable ? flags | Libc.FsImmutableFl : flags & ~Libc.FsImmutableFl;
        if (wanted == flags) return 0;
        return Libc.IoctlPointer(fd, Libc.FsIocSetFlags, &wanted) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }
}
