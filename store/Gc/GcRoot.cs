using EnvTool.Store.Locks;
using EnvTool.Store.Native;

namespace EnvTool.Store.Gc;

/// <summary>
/// A row of the roots table. <c>ephemeral</c>: a short-lived environment, alive while its path exists
/// and it has not expired, or while a program runs in it. <c>operation</c>: work in flight, alive
/// while its process is. Any other kind is kept alive (keeping is always safe).
/// </summary>
/// <param name="OwnerLockPath">The owner lock of the process that wrote the row (see <see cref="OwnerLock"/>);
/// null in rows written before owner locks existed, whose process is then judged by its pid.</param>
internal sealed record GcRoot(long Id, string Kind, string Reference, long? Pid, long? PidStarted, string? OwnerLockPath, long? ExpiresAt, string? Path, long CreatedAt)
{
    internal const string Ephemeral = "ephemeral";

    /// <summary>Null while the root is alive; else why it no longer keeps anything.</summary>
    internal string? DeadReason(long now) => Kind switch
    {
        OperationRoot.Kind => OwnerAlive() ? null : $"process {Pid} is gone",
        // A script or tool still running in its environment keeps it, however long ago it started.
        Ephemeral when OwnerAlive() => null,
        Ephemeral when ExpiresAt is { } expires && expires <= now => "expired",
        Ephemeral when Path is { } path && Posix.TryStat(path) is null => $"'{path}' is gone",
        _ => null,
    };

    internal bool IsLive(long now) => DeadReason(now) is null;

    private bool OwnerAlive() => OwnerLockPath is { } lockPath
        ? OwnerLock.IsAlive(lockPath)
        : Pid is { } pid && new ProcessIdentity(pid, PidStarted).IsAlive();
}
