using System.Collections.Concurrent;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>
/// Idle connections to one database, reused by later opens of the same process (an empty create
/// opens the catalog eleven times). Each connection is used by one thread at a time: a connection
/// being used is not in the pool.
/// </summary>
internal sealed class SqlitePool
{
    private readonly ConcurrentBag<SqliteConnection> _idle = [];

    /// <summary>An idle connection, else a new one from <paramref name="open"/>, which is given this pool to return it to.</summary>
    internal SqliteConnection Rent(Func<SqlitePool, SqliteConnection> open) => _idle.TryTake(out var connection) ? connection : open(this);

    internal void Return(SqliteConnection connection) => _idle.Add(connection);

    /// <summary>Closes every idle connection (the files are closed; later opens start new ones).</summary>
    internal void Clear()
    {
        while (_idle.TryTake(out var connection)) connection.Close();
    }
}
