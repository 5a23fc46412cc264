using SQLitePCL;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>An open transaction: committed by <see cref="Commit"/>, else rolled back when disposed.</summary>
internal sealed class SqliteTransaction : IDisposable
{
    private readonly SqliteConnection _connection;

    internal SqliteTransaction(SqliteConnection connection) => _connection = connection;

    internal void Commit()
    {
        End();
        try
        {
            _connection.Execute("COMMIT;");
        }
        catch (SqliteException) when (raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            // A failed COMMIT (SQLITE_FULL, say) can leave the transaction open: end it here, so the
            // pooled connection starts clean. The COMMIT's error is the one to report.
            try { _connection.Execute("ROLLBACK;"); }
            catch (SqliteException) { }
            throw;
        }
    }

    internal void Rollback()
    {
        End();
        _connection.Execute("ROLLBACK;");
    }

    public void Dispose()
    {
        if (_connection.Transaction == this) Rollback();
    }

    private void End()
    {
        if (_connection.Transaction != this) throw new InvalidOperationException("the transaction has already ended");
        _connection.Transaction = null;
    }
}
