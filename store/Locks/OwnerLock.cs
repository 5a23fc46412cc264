using EnvTool.Store.Layout;

namespace EnvTool.Store.Locks;

/// <summary>
/// The flock that tells every other process using the store that this store handle's process is
/// alive: root rows (operations in flight, ephemeral environments in use) name it by its token, and
/// their owner is alive exactly while the lock cannot be taken. Unlike a pid, that answer holds for a
/// process on another machine sharing the store over NFS (the server keeps the lock, and drops it
/// when the holder's machine stops renewing its lease), in another pid namespace (CI containers
/// sharing a volume), or of another user whose processes /proc hides. Taken on first use; the file
/// goes when the handle is disposed, or, if the process died first, in the next gc.
/// </summary>
internal sealed class OwnerLock(StoreLayout layout) : IDisposable
{
    private readonly Lock _gate = new();
    private FileLock? _held;
    private string? _token;

    /// <summary>The token root rows record; the lock is held from the first call on.</summary>
    internal string Token
    {
        get
        {
            lock (_gate)
            {
                while (_token is null)
                {
                    var token = Guid.NewGuid().ToString("N");
                    // Null when gc's sweep of free owner locks removed the new file before our flock.
                    _held = FileLock.CreateNew(layout.OwnerLockPath(token));
                    if (_held is not null) _token = token;
                }
                return _token;
            }
        }
    }

    /// <summary>
    /// True while the process that took the owner lock at <paramref name="path"/> (or the program it
    /// exec'd) is alive. A dead owner's file is removed here: its token is never used again.
    /// </summary>
    internal static bool IsAlive(string path)
    {
        var probe = FileLock.TryAcquireExisting(path);
        if (probe is null) return File.Exists(path);
        probe.DisposeAndDelete();
        return false;
    }

    /// <summary>Removes the files of owner locks nobody holds (rows naming them count as dead either way).</summary>
    internal static void SweepFree(StoreLayout layout)
    {
        if (!Directory.Exists(layout.LocksDir)) return;
        foreach (var path in Directory.EnumerateFiles(layout.LocksDir, StoreLayout.OwnerLockPrefix + "*"))
            FileLock.TryAcquireExisting(path)?.DisposeAndDelete();
    }

    /// <summary>
    /// Lets the program this process is about to become by execve(2) hold the lock: an ephemeral
    /// environment stays in use while the script runs in it, however long.
    /// </summary>
    internal void KeepAcrossExec()
    {
        lock (_gate) _held?.KeepAcrossExec();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _held?.DisposeAndDelete();
            _held = null;
        }
    }
}
