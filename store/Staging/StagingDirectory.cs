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

    public void Dispose()
    {
        try
        {
            DirectoryTree.Remove(Path);
        }
        finally
        {
            _lock.Dispose();
        }
    }
}
