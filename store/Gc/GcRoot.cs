using EnvTool.Store.Native;

namespace EnvTool.Store.Gc;

/// <summary>
/// A row of the roots table. <c>ephemeral</c>: a short-lived environment, alive while its path exists
/// and it has not expired. <c>operation</c>: work in flight, alive while its process is. Any other
/// kind is kept alive (keeping is always safe).
/// </summary>
internal sealed record GcRoot(long Id, string Kind, string Reference, long? Pid, long? PidStarted, long? ExpiresAt, string? Path, long CreatedAt)
{
    internal const string Ephemeral = "ephemeral";

    /// <summary>Null while the root is alive; else why it no longer keeps anything.</summary>
    internal string? DeadReason(long now) => Kind switch
    {
        OperationRoot.Kind => Pid is { } pid && new ProcessIdentity(pid, PidStarted).IsAlive() ? null : $"process {Pid} is gone",
        // A script or tool still running in its environment keeps it, however long ago it started.
        Ephemeral when Pid is { } running && new ProcessIdentity(running, PidStarted).IsAlive() => null,
        Ephemeral when ExpiresAt is { } expires && expires <= now => "expired",
        Ephemeral when Path is { } path && Posix.TryStat(path) is null => $"'{path}' is gone",
        _ => null,
    };

    internal bool IsLive(long now) => DeadReason(now) is null;
}
