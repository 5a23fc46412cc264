using EnvTool.Store.Native;

namespace EnvTool.Store.Locks;

/// <summary>
/// An exclusive flock(2) on a file, released when disposed or when the process dies (the kernel
/// drops it), which is what makes "is the owner still alive?" answerable without pids.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    public string Path { get; }

    /// <summary>
    /// Waits for the lock, creating the file if needed. Polls so cancellation is honoured. Lock files
    /// are deleted by their holder (<see cref="DisposeAndDelete"/>), so after locking we check the
    /// name still leads to our inode; if not, we locked a deleted file and start over.
    /// </summary>
    internal static FileLock Acquire(string path, CancellationToken ct = default)
    {
        while (true)
        {
            var fd = Posix.OpenForLock(path, create: true);
            try
            {
                if (!ct.CanBeCanceled)
                {
                    Posix.Flock(fd, exclusive: true, wait: true, path);
                }
                else
                {
                    var delay = 1;
                    while (!Posix.Flock(fd, exclusive: true, wait: false, path))
                    {
                        ct.WaitHandle.WaitOne(delay);
                        ct.ThrowIfCancellationRequested();
                        delay = Math.Min(delay * 2, 50);
                    }
                }
                if (Posix.TryStat(path) is { } named && named.SameFileAs(Posix.StatFd(fd, path)))
                    return new FileLock(path, fd);
            }
            catch
            {
                Posix.Close(fd);
                throw;
            }
            Posix.Close(fd);
        }
    }

    /// <summary>
    /// Takes the lock if nobody holds it, creating the file if needed; null when another holder has
    /// it (callers say they are waiting, then <see cref="Acquire"/>).
    /// </summary>
    internal static FileLock? TryAcquire(string path)
    {
        var fd = Posix.OpenForLock(path, create: true);
        try
        {
            if (Posix.Flock(fd, exclusive: true, wait: false, path)
                && Posix.TryStat(path) is { } named && named.SameFileAs(Posix.StatFd(fd, path)))
                return new FileLock(path, fd);
        }
        catch
        {
            Posix.Close(fd);
            throw;
        }
        Posix.Close(fd);
        return null;
    }

    /// <summary>Takes the lock on an existing file if nobody holds it; null if held or if the file is gone.</summary>
    internal static FileLock? TryAcquireExisting(string path)
    {
        var fd = Posix.OpenForLock(path, create: false);
        if (fd < 0) return null;
        if (Posix.Flock(fd, exclusive: true, wait: false, path)) return new FileLock(path, fd);
        Posix.Close(fd);
        return null;
    }

    /// <summary>
    /// Creates a brand-new lock file (under a fresh name) and locks it. Returns null when a sweeper
    /// removed the file between our open and our flock (the lock then guards a name nobody can see any
    /// more). If the file system refuses the lock, the file goes again.
    /// </summary>
    internal static FileLock? CreateNew(string path)
    {
        var fd = Posix.OpenForLock(path, create: true);
        try
        {
            Posix.Flock(fd, exclusive: true, wait: true, path);
        }
        catch
        {
            Posix.TryUnlink(path);
            Posix.Close(fd);
            throw;
        }
        if (Posix.StatFd(fd, path).LinkCount == 0)
        {
            Posix.Close(fd);
            return null;
        }
        return new FileLock(path, fd);
    }

    /// <summary>Keeps the lock's descriptor open across execve(2), so the program this process becomes holds the lock.</summary>
    internal void KeepAcrossExec()
    {
        if (Volatile.Read(ref _fd) is var fd and >= 0) Posix.KeepOpenAcrossExec(fd, Path);
    }

    /// <summary>Removes the lock file while still holding the lock, then releases it, so lock files do not pile up.</summary>
    internal void DisposeAndDelete()
    {
        if (Volatile.Read(ref _fd) < 0) return;
        try
        {
            File.Delete(Path);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) Posix.Close(fd); // closing the last descriptor releases the flock
    }
}
