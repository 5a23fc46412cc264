using EnvTool.Store.Catalog;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;

namespace EnvTool.Store.Gc;

/// <summary>
/// The temporary root of the work one store handle does: rows of kind <c>operation</c> naming this
/// process (pid and start time) and each entry or tree the work found, imported or built. A thing
/// is held BEFORE it is looked up, so gc either removed it first (and the lookup sees nothing and
/// makes it again) or sees the root when it re-checks right before removing.
/// The rows stay until the handle is disposed, because one command's steps depend on each other:
/// the entries an import returns are referenced by a tree only when the command's tree is
/// published, and that tree by a generation only when the command commits. A root registered for a
/// lookup that found nothing, or for work that failed, is given up at once (bad input leaves the
/// catalog as it was). A killed process leaves its rows behind; gc drops them once its
/// <see cref="OwnerLock"/> is free (the rows also record the pid, for people reading the catalog).
/// Registering takes the store lock (<see cref="StoreLayout.RootsLockPath"/>) that gc holds while it
/// checks that no operation is in flight and removes objects, which any operation may be linking.
/// </summary>
internal sealed class OperationRoot : IDisposable
{
    internal const string Kind = "operation";

    private readonly StoreLayout _layout;
    private readonly CatalogDatabase _database;
    private readonly OwnerLock _owner;
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal OperationRoot(StoreLayout layout, CatalogDatabase database, OwnerLock owner)
    {
        _layout = layout;
        _database = database;
        _owner = owner;
    }

    /// <returns>True when this call registered the root (false: this handle already held it).</returns>
    internal bool HoldEntry(string artifactSha256) => Hold(RootReference.Entry(artifactSha256));

    /// <inheritdoc cref="HoldEntry"/>
    internal bool HoldTree(string key) => Hold(RootReference.Tree(key));

    /// <summary>Gives up a root this handle registered for work that failed or found nothing: bad input leaves the store as it was.</summary>
    internal void ReleaseEntry(string artifactSha256) => Release(RootReference.Entry(artifactSha256));

    /// <inheritdoc cref="ReleaseEntry"/>
    internal void ReleaseTree(string key) => Release(RootReference.Tree(key));

    /// <summary>
    /// Holds every entry in one registration (one store lock, one transaction) rather than one per
    /// entry: a command naming a hundred wheels would otherwise spend most of its time here.
    /// </summary>
    /// <returns>The artifacts this call registered (those this handle did not already hold).</returns>
    internal IReadOnlyList<string> HoldEntries(IEnumerable<string> artifactSha256s)
    {
        var registered = HoldAll(artifactSha256s.Select(RootReference.Entry));
        return registered.Select(r => RootReference.EntrySha256(r)!).ToList();
    }

    private bool Hold(string reference) => HoldAll([reference]).Count == 1;

    private List<string> HoldAll(IEnumerable<string> references)
    {
        lock (_gate)
        {
            var missing = references.Where(r => !_rows.ContainsKey(r)).Distinct(StringComparer.Ordinal).ToList();
            if (missing.Count == 0) return missing;
            var process = ProcessIdentity.Current;
            var owner = _owner.Token; // held before any row names it
            var now = StoreCatalog.Now();
            var storeLock = FileLock.Acquire(_layout.RootsLockPath);
            try
            {
                _database.Write(c =>
                {
                    // One statement for the whole set: a hundred executions cost more than the rows.
                    using var insert = CatalogDatabase.Command(c, """
                        INSERT INTO roots (kind, reference, pid, pid_started, owner, created_at)
                        SELECT $kind, value, $pid, $started, $owner, $now FROM json_each($references)
                        RETURNING id, reference
                        """, ("$kind", Kind), ("$references", CatalogDatabase.JsonArray(missing)), ("$pid", process.Pid),
                        ("$started", process.StartTicks), ("$owner", owner), ("$now", now));
                    using var inserted = insert.ExecuteReader();
                    while (inserted.Read()) _rows[inserted.GetString(1)] = inserted.GetInt64(0);
                });
            }
            finally
            {
                storeLock.Dispose();
            }
            return missing;
        }
    }

    private void Release(string reference)
    {
        lock (_gate)
        {
            if (!_rows.Remove(reference, out var id)) return;
            Delete([id]);
        }
    }

    /// <summary>Removes this handle's rows: its work is done (or abandoned), so gc may take what nothing else roots.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_rows.Count == 0) return;
            Delete(_rows.Values);
            _rows.Clear();
        }
    }

    private void Delete(IEnumerable<long> ids) => _database.Write(c =>
    {
        using var delete = CatalogDatabase.Command(c, "DELETE FROM roots WHERE id IN (SELECT value FROM json_each($ids))",
            ("$ids", "[" + string.Join(',', ids) + "]"));
        delete.ExecuteNonQuery();
    });
}
