using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>What kind of file system a path is on, from statfs(2)'s f_type.</summary>
internal static partial class FileSystemKind
{
    // statfs(2) magic numbers of file systems served over a network (linux/magic.h and the file systems' own headers).
    internal const long Nfs = 0x6969;

    private static readonly HashSet<long> Network =
    [
        Nfs,
        0xFF534D42,    // CIFS
        0xFE534D42,    // SMB2
        0x517B,        // SMB
        0x65735546,    // FUSE (sshfs and other userspace file systems may be remote; treated as such)
        0x01021997,    // 9P (v9fs)
        0x00C36400,    // Ceph
        0x0BD00BD0,    // Lustre
        0x47504653,    // GPFS
        0x6B414653,    // AFS (kAFS)
        0x5346414F,    // OpenAFS
    ];

    /// <summary>
    /// True when <paramref name="path"/> is on a network file system, where SQLite's WAL mode (a
    /// wal-index in shared memory) cannot work across machines.
    /// </summary>
    internal static bool IsNetwork(string path) => TypeOf(path) is { } type && IsNetworkType(type);

    /// <summary>
    /// <see cref="IsNetwork"/> for a store's root, refusing an NFS mount whose file locks stay on this
    /// machine: envtool on another machine would not be excluded by them.
    /// </summary>
    /// <exception cref="Errors.NoLocksException">The root is on NFS mounted with nolock or local_lock=flock.</exception>
    internal static bool IsNetworkStore(string root)
    {
        if (TypeOf(root) is not { } type) return false;
        if (type == Nfs && NfsMount.LocalFlockOption(root) is { } option) throw Errors.NoLocksException.LocalOnly(root, option);
        return IsNetworkType(type);
    }

    internal static bool IsNetworkType(long type) => Network.Contains(type);

    /// <summary>
    /// File systems on which fsync of a newly created file also makes its name in the directory
    /// durable: ext4 without a journal syncs the parent of a new inode (ext4_sync_parent), with a
    /// journal the creation commits with the file; XFS and Btrfs log the new entry with the file.
    /// tmpfs keeps nothing across a power loss anyway.
    /// </summary>
    private static readonly HashSet<long> NewEntriesDurableWithFile =
    [
        0xEF53,        // ext4 (and ext2/3, which current kernels mount with the ext4 driver)
        0x58465342,    // XFS
        0x9123683E,    // Btrfs
        0x01021994,    // tmpfs
    ];

    /// <summary>True when syncing a new file at <paramref name="path"/> is enough to keep its directory entry.</summary>
    internal static bool SyncsNewEntriesWithFile(string path) => TypeOf(path) is { } type && NewEntriesDurableWithFile.Contains(type);

    /// <summary>statfs's f_type, or null when the path cannot be asked.</summary>
    internal static unsafe long? TypeOf(string path)
    {
        // struct statfs is 120 bytes on 64-bit Linux; f_type is its first field (a long).
        var buffer = stackalloc long[16];
        return StatFs(path, buffer) == 0 ? buffer[0] : null;
    }

    [LibraryImport("libc", EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatFs(string path, long* buffer);
}
