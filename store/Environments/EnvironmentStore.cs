using EnvTool.Store.Catalog;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;

namespace EnvTool.Store.Environments;

/// <summary>
/// The environments registered in one store: read them, or lock one to change it. Paths are taken as
/// the user named them and normalized with <see cref="EnvironmentPath.Normalize"/>.
/// </summary>
public sealed class EnvironmentStore
{
    private readonly StoreLayout _layout;
    private readonly EnvironmentCatalog _catalog;

    internal EnvironmentStore(StoreLayout layout, CatalogDatabase database)
    {
        _layout = layout;
        _catalog = new EnvironmentCatalog(layout, database);
    }

    /// <summary>
    /// The environment at <paramref name="path"/> as it is now, without locking or writing (a command
    /// killed mid-switch is seen as the symlink says). No current generation when nothing is there.
    /// </summary>
    /// <exception cref="EnvironmentPathTakenException">Something envtool did not make is at the path.</exception>
    public EnvironmentState Inspect(string path)
        => EnvironmentReader.Inspect(_layout, _catalog, EnvironmentPath.Normalize(path));

    /// <summary>
    /// Takes the environment's lock (calling <paramref name="waiting"/> first if another process holds
    /// it), then reconciles the catalog with the symlink: the generation the symlink points at becomes
    /// current, rows of commands killed before their switch and their temporary links are removed.
    /// </summary>
    /// <exception cref="EnvironmentPathTakenException">Something envtool did not make is at the path.</exception>
    public EnvironmentSession Lock(string path, Action? waiting = null, CancellationToken ct = default)
    {
        path = EnvironmentPath.Normalize(path);
        var lockPath = _layout.EnvironmentLockPath(path);
        var fileLock = FileLock.TryAcquire(lockPath);
        if (fileLock is null)
        {
            waiting?.Invoke();
            fileLock = FileLock.Acquire(lockPath, ct);
        }
        try
        {
            EnvironmentLink.RemoveLeftovers(_layout, path);
            var key = EnvironmentLink.ReadTreeKey(_layout, path);
            var rows = _catalog.Read(path);
            var current = EnvironmentReader.ResolveCurrent(path, key, rows);
            rows = EnvironmentReader.Reconcile(_catalog, path, rows, current);
            return new EnvironmentSession(_layout, _catalog, fileLock, EnvironmentReader.ToState(path, rows, current));
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }
}
