using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>The libc calls trees need on top of the store's: reflinks and inode flags, both through ioctl(2).</summary>
internal static partial class Libc
{
    internal const int OWrOnly = 0x1;
    internal const int OExcl = 0x80;
    internal const int ONoFollow = 0x20000;

    /// <summary>_IOW(0x94, 9, int): make the destination file share the source file's extents.</summary>
    internal const nuint Ficlone = 0x40049409;
    /// <summary>_IOR('f', 1, long) and _IOW('f', 2, long); the kernel reads and writes an int through the pointer.</summary>
    internal const nuint FsIocGetFlags = 0x80086601;
    internal const nuint FsIocSetFlags = 0x40086602;
    internal const int FsImmutableFl = 0x10;
    internal const int FsTopDirFl = 0x20000;

    // ioctl(2) is variadic in C; on Linux (x86-64 and AArch64) the third argument travels like a fixed one.
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int IoctlInt(int fd, nuint request, nint argument);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    internal static unsafe partial int IoctlPointer(int fd, nuint request, int* argument);
}
