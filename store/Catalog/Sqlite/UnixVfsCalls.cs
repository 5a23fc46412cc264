using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EnvTool.Store.Native;
using Microsoft.Win32.SafeHandles;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>
/// Two system calls of SQLite's unix VFS replaced by cheaper ones with the same effect, for every
/// command that opens the catalog. The VFS routes its system calls through a table a program may
/// change entry by entry (sqlite3_vfs.xSetSystemCall); each replacement handles one case it can
/// recognise for certain and hands everything else to SQLite's own call.
/// </summary>
/// <remarks>
/// <para><b>openDirectory</b> opens the directory of a file SQLite is about to sync. SQLite opens a WAL
/// with O_CREAT and so, the first time a connection syncs it, also syncs its directory, in case the
/// file was just created: an open, fsync and close of the store directory in every command that
/// writes, although the WAL outlives the processes and was created once. On ext4, XFS and Btrfs the
/// fsync of a new file already keeps its directory entry (<see cref="FileSystemKind.SyncsNewEntriesWithFile"/>):
/// there, for a WAL, the replacement reports SQLITE_CANTOPEN, and SQLite goes on without the directory
/// sync, as it does where directories cannot be opened.</para>
/// <para><b>ftruncate</b>: the first connection of a process (no other holds the catalog open) resets
/// the WAL index by truncating the -shm file to 3 bytes, then grows it back with zeros, page by page,
/// as it maps it. Truncating frees the file's blocks, which on a file system mounted with
/// <c>discard</c> waits for the device to trim them (77 µs median after a sync, against 9 µs to
/// write the zeros), and the regrowth allocates them again. The replacement writes zeros over the
/// file from byte 3 instead: the same bytes SQLite would find after truncating and growing, with the
/// blocks kept. Only the -shm reset truncates to 3 bytes (a database or WAL is never that long), and
/// the replacement checks that the descriptor is a -shm file before it writes.</para>
/// </remarks>
internal static unsafe partial class UnixVfsCalls
{
    private const int SqliteOk = 0;
    private const int SqliteCantOpen = 14;

    /// <summary>The length SQLite truncates a -shm file to when it resets the WAL index.</summary>
    private const long ShmResetLength = 3;

    /// <summary>A WAL index is 32 KiB per 4,096 WAL frames: one write clears the index of any catalog envtool keeps.</summary>
    private static readonly byte[] Zeros = new byte[64 * 1024];

    private static delegate* unmanaged[Cdecl]<byte*, int*, int> s_openDirectory;
    private static delegate* unmanaged[Cdecl]<int, long, int> s_ftruncate;

    /// <summary>Replaces the default VFS's calls; call once, before the first connection opens.</summary>
    internal static void Install()
    {
        var vfs = FindVfs(null);
        if (vfs is null || vfs->Version < 3 || vfs->GetSystemCall == 0 || vfs->SetSystemCall == 0) return;
        fixed (byte* openDirectory = "openDirectory"u8)
            s_openDirectory = (delegate* unmanaged[Cdecl]<byte*, int*, int>)Replace(vfs, openDirectory,
                (nint)(delegate* unmanaged[Cdecl]<byte*, int*, int>)&OpenDirectory);
        fixed (byte* ftruncate = "ftruncate"u8)
            s_ftruncate = (delegate* unmanaged[Cdecl]<int, long, int>)Replace(vfs, ftruncate,
                (nint)(delegate* unmanaged[Cdecl]<int, long, int>)&Ftruncate);
    }

    /// <summary>Puts <paramref name="replacement"/> in the VFS's table; returns the call it replaced, or 0 when it did not.</summary>
    private static nint Replace(Vfs* vfs, byte* name, nint replacement)
    {
        var getSystemCall = (delegate* unmanaged[Cdecl]<Vfs*, byte*, nint>)vfs->GetSystemCall;
        var setSystemCall = (delegate* unmanaged[Cdecl]<Vfs*, byte*, nint, int>)vfs->SetSystemCall;
        var original = getSystemCall(vfs, name);
        if (original == 0) return 0;
        return setSystemCall(vfs, name, replacement) == SqliteOk ? original : 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OpenDirectory(byte* path, int* descriptor)
    {
        // A file system that cannot be asked (statfs fails) is not on the list: SQLite syncs the directory.
        var file = Marshal.PtrToStringUTF8((nint)path);
        if (file is not null && file.EndsWith("-wal", StringComparison.Ordinal) && FileSystemKind.SyncsNewEntriesWithFile(file))
            return SqliteCantOpen;
        return s_openDirectory(path, descriptor);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Ftruncate(int descriptor, long length)
    {
        if (length == ShmResetLength && IsSharedMemoryFile(descriptor) && ZeroFrom(descriptor, length)) return 0;
        return s_ftruncate(descriptor, length);
    }

    private static bool IsSharedMemoryFile(int descriptor)
    {
        var target = stackalloc byte[4096];
        var length = Libc.Readlink($"/proc/self/fd/{descriptor}", target, 4096);
        return length > 4 && new ReadOnlySpan<byte>(target, (int)length).EndsWith("-shm"u8);
    }

    /// <summary>Writes zeros from <paramref name="offset"/> to the end of the file; false (nothing promised) when it cannot.</summary>
    private static bool ZeroFrom(int descriptor, long offset)
    {
        try
        {
            using var handle = new SafeFileHandle(descriptor, ownsHandle: false);
            var end = RandomAccess.GetLength(handle);
            if (end <= offset) return false; // nothing to clear: the real call sets the length
            for (var at = offset; at < end;)
            {
                var chunk = (int)Math.Min(Zeros.Length, end - at);
                RandomAccess.Write(handle, Zeros.AsSpan(0, chunk), at);
                at += chunk;
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The head of sqlite3_vfs (sqlite3.h, version 3 of the structure).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Vfs
    {
        public int Version;
        public int FileSize;
        public int MaxPathname;
        public nint Next;
        public nint Name;
        public nint AppData;
        public nint Open, Delete, Access, FullPathname, DlOpen, DlError, DlSym, DlClose, Randomness, Sleep, CurrentTime, GetLastError;
        public nint CurrentTimeInt64;
        public nint SetSystemCall, GetSystemCall, NextSystemCall;
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_vfs_find")]
    private static partial Vfs* FindVfs(byte* name);
}
