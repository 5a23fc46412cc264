using System.Globalization;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;

namespace EnvTool.Store.Staging;

/// <summary>
/// A private scratch directory in tmp/ (on the store's file system, so rename and link work),
/// owned by this process through an flock on its <see cref="LockFileName"/>. Disposing removes it.
/// If the process dies instead, the kernel drops the flock and the next <see cref="StagingSweeper"/> removes it.
/// </summary>
internal sealed class StagingDirectory : IDisposable
{
    internal const string LockFileName = ".owner.lock";

    private readonly FileLock _lock;
    private int _counter;

    private StagingDirectory(string path, FileLock ownerLock)
    {
        Path = path;
        _lock = ownerLock;
    }

    public string Path { get; }

    /// <summary>A fresh unique name inside the staging directory (nothing is created).</summary>
    public string NewName(string hint) =>
        System.IO.Path.Combine(Path, hint + "-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture));

    internal static StagingDirectory Create(StoreLayout layout)
    {
        SpreadOnce(layout.TmpDir);
        while (true)
        {
            var name = $"{DateTime.UtcNow:yyyyMMddTHHmmss}-{Environment.ProcessId}-{Guid.NewGuid():N}";
            var path = System.IO.Path.Combine(layout.TmpDir, name);
            Directory.CreateDirectory(path);
            try
            {
                // A sweeper may see the directory before its lock file exists; it leaves young
                // lockless directories alone, and CreateNew notices if it lost the race anyway.
                var ownerLock = FileLock.CreateNew(System.IO.Path.Combine(path, LockFileName));
                if (ownerLock is not null) return new StagingDirectory(path, ownerLock);
            }
            catch (Native.PosixException e) when (e.Errno == Native.Errno.ENOENT)
            {
                // Swept between mkdir and open: try again under a new name.
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Spread = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks tmp/ as the top of directory hierarchies (chattr +T), once per store and process; best effort.
    /// Without it, ext4 places every staging directory, and so every tree and entry built in one,
    /// in the block group of tmp/, where gc freed the inodes of the trees before it. On ext4 without
    /// a journal (as on the development machine) the inode allocator steps over every inode freed in
    /// the last minutes, reading its inode table block each time: building the 94-package tree again
    /// and again (build, gc, build) slowed from 1.2 s to 3.3 s in six rounds (perf: a third of the
    /// time in recently_deleted), and `cp -al` of the same tree slows the same way. Marked, each
    /// staging directory starts in a group chosen for its free space: 0.70 to 0.74 s every round.
    /// </summary>
    private static void SpreadOnce(string tmpDir)
    {
        if (Spread.TryAdd(tmpDir, true)) Native.InodeFlags.TrySetTopDirectory(tmpDir);
    }

    /// <summary>
    /// Takes back what a failed publish put in place: the published directory (when the rename
    /// happened), this staging's contents, then each object the publish created that nothing else has
    /// linked since (its only name left is the object's own). Best effort: the original failure is
    /// what the caller must see; anything left behind is uncatalogued debris that verify and gc remove.
    /// </summary>
    public void UndoPublish(string? published, IEnumerable<string> createdObjects)
    {
        try
        {
            if (published is not null) DirectoryTree.Remove(published);
            foreach (var item in Directory.EnumerateFileSystemEntries(Path))
                if (!item.EndsWith(LockFileName, StringComparison.Ordinal)) DirectoryTree.Remove(item);
            foreach (var obj in createdObjects)
                if (Native.Posix.TryStat(obj) is { LinkCount: 1 }) File.Delete(obj);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Removes the directory. The lock file goes last, after its descriptor is closed: NFS (and FUSE)
    /// keep a removed file that is still open under a hidden name until it is closed, and that name
    /// would keep the directory from being removed.
    /// </summary>
    public void Dispose()
    {
        try
        {
            foreach (var item in Directory.EnumerateFileSystemEntries(Path))
                if (!item.EndsWith(LockFileName, StringComparison.Ordinal)) DirectoryTree.Remove(item);
        }
        finally
        {
            _lock.DisposeAndDelete();
        }
        // A sweeper leaves a young directory without its lock file alone; another removal is fine too.
        DirectoryTree.Remove(Path);
    }
}
