namespace EnvTool.Store.Errors;

/// <summary>
/// The store's file system gives envtool no file locks that other machines see: flock fails with
/// ENOLCK (an NFS server without a lock manager), or the NFS mount keeps locks on this machine
/// (<c>nolock</c>, <c>local_lock=flock</c>). envtool never works on a store without its locks.
/// </summary>
public sealed class NoLocksException : EnvToolException
{
    private const string Fix = "mount it with locking (NFSv4, or NFSv3 with lockd and rpc.statd running; without nolock or local_lock=flock|all), or use a store on a local disk";

    private NoLocksException(string message) : base(message, Fix)
    {
    }

    /// <summary>flock(2) on <paramref name="path"/> failed with ENOLCK.</summary>
    internal static NoLocksException Refused(string path) =>
        new($"cannot lock {path}: the store's file system does not provide file locks (ENOLCK)");

    /// <summary>The store at <paramref name="root"/> is on an NFS mount with <paramref name="option"/>.</summary>
    internal static NoLocksException LocalOnly(string root, string option) =>
        new($"the store {root} is on an NFS mount whose file locks stay on this machine ({option}): envtool elsewhere would not see them");
}
