using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Store.Catalog;

/// <summary>
/// Connections to catalog.db, each configured the same way (WAL, busy timeout, foreign keys), and
/// the write-transaction discipline: every write runs inside BEGIN IMMEDIATE so concurrent writers
/// queue on the busy timeout instead of failing on lock upgrades.
/// </summary>
internal sealed class CatalogDatabase
{
    internal const int BusyTimeoutMs = 30_000;

    private readonly SqlitePool _pool = new();

    /// <param name="networkFileSystem">The catalog is on NFS or another network file system: no WAL, full syncs.</param>
    internal CatalogDatabase(string path, bool networkFileSystem = false)
    {
        Path = path;
        NetworkFileSystem = networkFileSystem;
    }

    internal string Path { get; }

    internal bool NetworkFileSystem { get; }

    /// <summary>A connection from the pool, or a new one configured for the catalog.</summary>
    internal SqliteConnection Open() => _pool.Rent(OpenConfigured);

    private SqliteConnection OpenConfigured(SqlitePool pool)
    {
        var connection = SqliteConnection.Open(Path, SqliteOpenMode.ReadWriteCreate, TimeSpan.FromMilliseconds(BusyTimeoutMs), pool);
        try
        {
            // Closing the last connection would checkpoint the WAL into the database, with fsyncs that
            // cost a millisecond or more at the end of every command for a row or two; Close checkpoints
            // only once the WAL has grown past WalReplayLimitBytes, and the next opener replays the rest.
            SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
            // Set through the C API where there is one: a PRAGMA is compiled like any statement.
            connection.Check(SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMs));
            connection.Check(SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_FKEY, 1, out _));
            connection.Execute(NetworkFileSystem ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    /// <summary>
    /// WAL on a local file system (persistent: once per catalog is enough, repeating is cheap). On a
    /// network file system WAL cannot work (its index is shared memory, visible to one machine only),
    /// so the catalog uses a rollback journal, which needs only the POSIX locks NFS provides.
    /// </summary>
    internal void ChooseJournal()
    {
        using var connection = Open();
        connection.Execute(NetworkFileSystem ? "PRAGMA journal_mode = DELETE;" : "PRAGMA journal_mode = WAL;");
    }

    internal T Read<T>(Func<SqliteConnection, T> body)
    {
        using var connection = Open();
        return body(connection);
    }

    /// <summary>Runs <paramref name="body"/> in BEGIN IMMEDIATE ... COMMIT (rolled back if it throws).</summary>
    internal T Write<T>(Func<SqliteConnection, T> body)
    {
        using var connection = Open();
        return InImmediateTransaction(connection, body);
    }

    /// <summary>
    /// <see cref="Write{T}"/> whose commit is on disk when it returns: the WAL is fsynced at COMMIT
    /// (synchronous = FULL for this transaction only). The catalog otherwise runs at NORMAL, where a
    /// power loss may drop the last commits but never corrupts; a row that something outside the
    /// catalog is about to depend on (a generation an environment's symlink will name) needs more.
    /// </summary>
    internal T WriteDurable<T>(Func<SqliteConnection, T> body)
    {
        if (NetworkFileSystem) return Write(body); // already FULL
        using var connection = Open();
        connection.Execute("PRAGMA synchronous = FULL;");
        try
        {
            return InImmediateTransaction(connection, body);
        }
        finally
        {
            connection.Execute("PRAGMA synchronous = NORMAL;");
        }
    }

    private static T InImmediateTransaction<T>(SqliteConnection connection, Func<SqliteConnection, T> body)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = body(connection);
        transaction.Commit();
        return result;
    }

    internal void Write(Action<SqliteConnection> body) => Write<int>(c =>
    {
        body(c);
        return 0;
    });

    /// <summary>
    /// A JSON array of <paramref name="values"/>, for a statement that takes a whole set in one
    /// parameter through <c>json_each</c> (one execution instead of one per value).
    /// </summary>
    internal static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, IO.PlainJsonEncoder.WriterOptions()))
        {
            json.WriteStartArray();
            foreach (var value in values) json.WriteStringValue(value);
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Every row of the query, each made into a value by <paramref name="read"/>.</summary>
    internal static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// <summary>How large the WAL may grow, left behind by a closing or exec'ing process, before it is checkpointed.</summary>
    internal const long WalReplayLimitBytes = 256 * 1024;

    /// <summary>Checkpoints and truncates the WAL when it is larger than <see cref="WalReplayLimitBytes"/>.</summary>
    internal void CheckpointIfLarge()
    {
        var wal = new FileInfo(Path + "-wal");
        if (wal.Exists && wal.Length > WalReplayLimitBytes) Checkpoint();
    }

    /// <summary>Copies the WAL into the database and truncates it (a busy reader may leave part of it for later).</summary>
    internal void Checkpoint()
    {
        using var connection = Open();
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>Checkpoints a large WAL, then closes the pooled connections so the files are closed.</summary>
    internal void Close()
    {
        CheckpointIfLarge();
        _pool.Clear();
    }
}
