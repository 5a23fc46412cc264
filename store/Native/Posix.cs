using System.Buffers.Binary;
using System.Runtime.InteropServices;
using EnvTool.Store.Errors;

namespace EnvTool.Store.Native;

/// <summary>
/// Checked wrappers over <see cref="Libc"/>: every failure becomes a <see cref="PosixException"/>
/// (or <see cref="StoreDiskFullException"/> for ENOSPC/EDQUOT), except where a caller asks for the
/// errno because it handles it (the Try* methods).
/// </summary>
internal static class Posix
{
    /// <summary>link(2). Returns 0 or the errno; never throws.</summary>
    internal static int TryLink(string existing, string newPath)
        => Libc.Link(existing, newPath) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Renames without replacing an existing target. Returns 0 or the errno (EEXIST/ENOTEMPTY when taken).</summary>
    internal static int TryRenameNoReplace(string from, string to)
    {
        if (Libc.RenameAt2(Libc.AtFdCwd, from, Libc.AtFdCwd, to, Libc.RenameNoReplace) == 0) return 0;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (Errno.EINVAL or Errno.ENOSYS)) return errno;
        // File systems without RENAME_NOREPLACE: plain rename(2) still refuses a non-empty target directory.
        if (Path.Exists(to)) return Errno.EEXIST;
        return Libc.Rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>rename(2), replacing the target atomically.</summary>
    internal static void Rename(string from, string to)
    {
        if (Libc.Rename(from, to) != 0) Fail("rename", $"{from} -> {to}");
    }

    /// <summary>symlink(2): creates <paramref name="linkPath"/> holding <paramref name="target"/>. Returns 0 or the errno.</summary>
    internal static int TrySymlink(string target, string linkPath)
        => Libc.Symlink(target, linkPath) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>readlink(2): the target text of a symbolic link, or null when <paramref name="path"/> is not one (or is gone).</summary>
    internal static unsafe string? TryReadLink(string path)
    {
        // PATH_MAX is 4096 on Linux; a longer target cannot have been written by symlink(2) either.
        var buffer = stackalloc byte[4096];
        var length = Libc.Readlink(path, buffer, 4096);
        if (length >= 0) return System.Text.Encoding.UTF8.GetString(buffer, (int)length);
        var errno = Marshal.GetLastPInvokeError();
        if (errno is Errno.EINVAL or Errno.ENOENT or 20 /* ENOTDIR */) return null;
        throw Error("readlink", path, errno);
    }

    /// <summary>unlink(2) of a file or symbolic link; false when it was already gone.</summary>
    internal static bool TryUnlink(string path)
    {
        if (Libc.Unlink(path) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.ENOENT) return false;
        throw Error("unlink", path, errno);
    }

    /// <summary>chmod(2): .NET's File.SetUnixFileMode would mark every caller Unix-only for the platform analyzer.</summary>
    internal static void Chmod(string path, UnixFileMode mode)
    {
        if (Libc.Chmod(path, (uint)mode) != 0) Fail("chmod", path);
    }

    /// <summary>fsync(2) on a directory, so the names created in it survive a crash.</summary>
    internal static void FsyncDirectory(string path)
    {
        var fd = Libc.Open(path, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0);
        if (fd < 0) Fail("open", path);
        try
        {
            if (Libc.Fsync(fd) != 0) Fail("fsync", path);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>
    /// syncfs(2) on the file system holding <paramref name="path"/>: one call makes every file and
    /// directory written so far durable, instead of an fsync per file (which dominated import time).
    /// </summary>
    internal static void SyncFileSystem(string path)
    {
        var fd = Libc.Open(path, Libc.ORdOnly | Libc.ODirectory | Libc.OCloExec, 0);
        if (fd < 0) Fail("open", path);
        try
        {
            if (Libc.Syncfs(fd) != 0) Fail("syncfs", path);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>rw for everyone, before the umask: what a file every store user must write is created with.</summary>
    internal const uint SharedFileMode = 0b110_110_110;

    /// <summary>Creates an empty file with <see cref="SharedFileMode"/> (less the umask) unless something is already there.</summary>
    internal static void CreateShared(string path)
    {
        var fd = Libc.Open(path, Libc.OWrOnly | Libc.OCreat | Libc.OExcl | Libc.OCloExec, SharedFileMode);
        if (fd >= 0)
        {
            Libc.Close(fd);
            return;
        }
        var errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EEXIST) throw Error("create", path, errno);
    }

    /// <summary>Opens (creating when asked) a file for locking. Returns the fd, or -errno when it does not exist.</summary>
    internal static int OpenForLock(string path, bool create)
    {
        var flags = Libc.ORdWr | Libc.OCloExec | (create ? Libc.OCreat : 0);
        // 0666 less the umask: in a store shared by a group (umask 002), every member must open the
        // locks another member created (a shared lock needs write access over NFS).
        var fd = Libc.Open(path, flags, SharedFileMode);
        if (fd >= 0) return fd;
        var errno = Marshal.GetLastPInvokeError();
        if (!create && errno == Errno.ENOENT) return -errno;
        if (errno == Errno.EACCES)
        {
            // Made by a store user whose umask kept the group from writing it: a local flock needs
            // only a descriptor (over NFS an exclusive lock needs write access; see Flock's EBADF).
            fd = Libc.Open(path, Libc.ORdOnly | Libc.OCloExec, 0);
            if (fd >= 0) return fd; // else it is missing and may not be created here: EACCES is the answer
        }
        throw Error("open", path, errno);
    }

    /// <summary>flock(2). Returns false only when <paramref name="wait"/> is false and another holder has it.</summary>
    internal static bool Flock(int fd, bool exclusive, bool wait, string pathForErrors)
    {
        var op = (exclusive ? Libc.LockEx : Libc.LockSh) | (wait ? 0 : Libc.LockNb);
        while (Libc.Flock(fd, op) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EINTR) continue;
            if (!wait && errno == Errno.EAGAIN) return false;
            if (errno == Errno.ENOLCK) throw NoLocksException.Refused(pathForErrors);
            // NFS turns flock into a POSIX write lock, which a read-only descriptor cannot take.
            if (errno == Errno.EBADF) throw Error("flock", pathForErrors, Errno.EACCES);
            throw Error("flock", pathForErrors, errno);
        }
        return true;
    }

    internal static void Close(int fd) => Libc.Close(fd);

    /// <summary>Clears FD_CLOEXEC: the descriptor (and the flock on it) survives execve(2).</summary>
    internal static void KeepOpenAcrossExec(int fd, string pathForErrors)
    {
        if (Libc.Fcntl(fd, Libc.FSetFd, 0) != 0) Fail("fcntl", pathForErrors);
    }

    /// <summary>lstat-like status of a path (symlinks are not followed), or null when it does not exist.</summary>
    internal static FileStatus? TryStat(string path)
    {
        var r = StatCore(Libc.AtFdCwd, path, Libc.AtSymlinkNoFollow, out var status);
        if (r == 0) return status;
        if (r is Errno.ENOENT or 20 /* ENOTDIR */) return null;
        throw Error("stat", path, r);
    }

    internal static FileStatus Stat(string path)
        => TryStat(path) ?? throw Error("stat", path, Errno.ENOENT);

    /// <summary>stat-like status of what a path names (symlinks followed), or null when nothing is there.</summary>
    internal static FileStatus? TryStatFollowing(string path)
    {
        var r = StatCore(Libc.AtFdCwd, path, 0, out var status);
        if (r == 0) return status;
        if (r is Errno.ENOENT or 20 /* ENOTDIR */) return null;
        throw Error("stat", path, r);
    }

    /// <summary>Status of an open file descriptor (fstat).</summary>
    internal static FileStatus StatFd(int fd, string pathForErrors)
    {
        var r = StatCore(fd, "", Libc.AtEmptyPath, out var status);
        if (r != 0) throw Error("fstat", pathForErrors, r);
        return status;
    }

    private static unsafe int StatCore(int dirFd, string path, int flags, out FileStatus status)
    {
        // struct statx is 256 bytes with the same layout on every Linux architecture.
        var buffer = stackalloc byte[256];
        if (Libc.Statx(dirFd, path, flags, Libc.StatxBasicStats, buffer) != 0)
        {
            status = default;
            return Marshal.GetLastPInvokeError();
        }
        var span = new ReadOnlySpan<byte>(buffer, 256);
        static long Ns(ReadOnlySpan<byte> s, int at) =>
            BinaryPrimitives.ReadInt64LittleEndian(s[at..]) * 1_000_000_000L + BinaryPrimitives.ReadUInt32LittleEndian(s[(at + 8)..]);
        status = new FileStatus(
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(span[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(span[16..]),
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(span[28..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(span[40..]),
            MtimeNs: Ns(span, 112),
            CtimeNs: Ns(span, 96))
        {
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]),
            Gid = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]),
        };
        return 0;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string operation, string path) => throw Error(operation, path, Marshal.GetLastPInvokeError());

    /// <summary>The exception for a failed call: disk full is the user's to fix, anything else is an I/O error.</summary>
    internal static Exception Error(string operation, string path, int errno)
        => Errno.IsDiskFull(errno) ? new StoreDiskFullException(path, new PosixException(operation, path, errno))
            : new PosixException(operation, path, errno);
}
