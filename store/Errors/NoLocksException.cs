namespace EnvTool.Store.Errors;

/// <summary>
/// The store's file system refuses file locks (ENOLCK): an NFS mount with <c>nolock</c>, or a
/// server without a lock manager. envtool never works on a store without its locks.
/// </summary>
public sealed class NoLocksException(string path)
    : EnvToolException($"cannot lock {path}: the store's file system does not provide file locks",
        "mount it with locking (NFSv4, or NFSv3 with lockd running, and without the nolock option), or use a store on a local disk");
