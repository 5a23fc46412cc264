using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// The libc calls the store needs that .NET does not expose (hard links, directory fsync, flock,
/// inode numbers and link counts). Raw: callers go through <see cref="Posix"/>, which checks errno.
/// </summary>
internal static partial class Libc
{
    private const string Lib = "libc";

    internal const int AtFdCwd = -100;
    internal const int AtEmptyPath = 0x1000;
    internal const int AtSymlinkNoFollow = 0x100;
    internal const uint StatxBasicStats = 0x7ff;
    internal const uint RenameNoReplace = 1;

    internal const int ORdOnly = 0x0;
    internal const int ORdWr = 0x2;
    internal const int OCreat = 0x40;
    internal const int ODirectory = 0x10000;
    internal const int OCloExec = 0x80000;

    internal const int LockSh = 1;
    internal const int LockEx = 2;
    internal const int LockNb = 4;

    [LibraryImport(Lib, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string oldPath, string newPath);

    [LibraryImport(Lib, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport(Lib, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string oldPath, string newPath);

    // open(2) is variadic in C; on Linux (x86-64 and AArch64) the third argument travels like a fixed one.
    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, uint mode);

    [LibraryImport(Lib, EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chmod(string path, uint mode);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "fsync", SetLastError = true)]
    internal static partial int Fsync(int fd);

    [LibraryImport(Lib, EntryPoint = "syncfs", SetLastError = true)]
    internal static partial int Syncfs(int fd);

    internal const int FSetFd = 2;

    // fcntl(2) is variadic in C; on Linux (x86-64 and AArch64) an int third argument travels like a fixed one.
    [LibraryImport(Lib, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Lib, EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);

    [LibraryImport(Lib, EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Symlink(string target, string linkPath);

    [LibraryImport(Lib, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial nint Readlink(string path, byte* buffer, nint size);

    [LibraryImport(Lib, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlink(string path);

    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}
