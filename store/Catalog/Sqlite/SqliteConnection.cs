using SQLitePCL;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>How a database file is opened.</summary>
internal enum SqliteOpenMode
{
    ReadWriteCreate,
    ReadOnly,
}

/// <summary>
/// One connection to a SQLite database, on SQLitePCLRaw's raw API. The catalog used
/// Microsoft.Data.Sqlite before; its ADO.NET layer cost every command about 0.65 ms (a paired
/// NativeAOT measurement of 11 opens and queries: 2.73 ms against 2.07 ms raw): the provider is
/// found by reflection, connection strings are parsed into builders, and a pool-pruning timer
/// starts a thread. This layer keeps only what the catalog uses: statements with named
/// parameters, readers, BEGIN IMMEDIATE transactions and a pool.
/// </summary>
internal sealed class SqliteConnection : IDisposable
{
    private static readonly Lazy<bool> Provider = new(() =>
    {
        raw.SetProvider(new SQLite3Provider_e_sqlite3());
        SqliteProcessConfig.Apply();
        UnixVfsCalls.Install();
        return true;
    });

    /// <summary>
    /// Compiled statements of finished commands, reset, by the SQL text they were compiled from: a
    /// command with the same text takes its statement from here instead of compiling it again. An
    /// empty create compiled 30 statements, 15 of them repeats (its environment lookup runs four
    /// times). A statement in use is not here, so two commands never share one.
    /// </summary>
    private readonly Dictionary<string, PreparedStatement> _idleStatements = new(StringComparer.Ordinal);

    /// <summary>Enough for every fixed statement the catalog has; text built per call must not grow the cache without end.</summary>
    private const int MaxIdleStatements = 128;

    private readonly SqlitePool? _pool;
    private bool _closed;

    private SqliteConnection(sqlite3 handle, SqlitePool? pool, TimeSpan busyTimeout)
    {
        Handle = handle;
        _pool = pool;
        BusyTimeout = busyTimeout;
    }

    internal sqlite3 Handle { get; }

    /// <summary>How long a statement keeps retrying while another process holds the lock.</summary>
    internal TimeSpan BusyTimeout { get; }

    /// <summary>A transaction begun here and not yet committed or rolled back.</summary>
    internal SqliteTransaction? Transaction { get; set; }

    /// <param name="path">A file path, or a <c>file:</c> URI (for its query parameters, such as <c>immutable=1</c>).</param>
    /// <param name="busyTimeout">How long statements retry while the database is locked (default 30 s).</param>
    /// <param name="pool">Where <see cref="Dispose"/> returns the connection; null closes it.</param>
    /// <exception cref="SqliteException">SQLite cannot open the file.</exception>
    internal static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate,
                                          TimeSpan? busyTimeout = null, SqlitePool? pool = null)
    {
        _ = Provider.Value;
        var flags = (mode == SqliteOpenMode.ReadOnly ? raw.SQLITE_OPEN_READONLY : raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE)
                    | raw.SQLITE_OPEN_URI;
        var rc = raw.sqlite3_open_v2(path, out var handle, flags, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = handle is null || handle.IsInvalid ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(handle).utf8_to_string();
            handle?.Dispose();
            throw new SqliteException(rc, $"{message} ({path})");
        }
        return new SqliteConnection(handle, pool, busyTimeout ?? TimeSpan.FromSeconds(30));
    }

    internal SqliteCommand CreateCommand() => new(this);

    /// <summary>
    /// The first statement of <paramref name="text"/>, compiled (or an idle one compiled from the same
    /// text), and the text after it; null when the text holds no statement (only a comment, say).
    /// </summary>
    internal PreparedStatement? Prepare(string text)
    {
        if (_idleStatements.Remove(text, out var idle)) return idle;
        var rc = raw.sqlite3_prepare_v2(Handle, text, out var statement, out var rest);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            Check(rc);
        }
        if (statement is null || statement.IsInvalid)
        {
            statement?.Dispose();
            return rest.Length == text.Length ? null : new PreparedStatement(text, null, rest);
        }
        return new PreparedStatement(text, statement, rest);
    }

    /// <summary>Takes back a statement its command is done with: reset and kept for the next command with its text.</summary>
    internal void Release(PreparedStatement prepared)
    {
        if (prepared.Statement is not { } statement) return;
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
        if (_closed || _idleStatements.Count >= MaxIdleStatements || !_idleStatements.TryAdd(prepared.Text, prepared))
            statement.Dispose();
    }

    /// <summary>BEGIN IMMEDIATE (the write lock is taken now, waiting up to the busy timeout), or a deferred BEGIN.</summary>
    internal SqliteTransaction BeginTransaction(bool deferred = false)
    {
        if (Transaction is not null) throw new InvalidOperationException("a transaction is already open on this connection");
        Execute(deferred ? "BEGIN;" : "BEGIN IMMEDIATE;");
        return Transaction = new SqliteTransaction(this);
    }

    internal void Execute(string sql)
    {
        using var command = CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Throws the connection's last error unless <paramref name="rc"/> is one of the success codes.</summary>
    internal int Check(int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return rc;
        throw new SqliteException(rc, raw.sqlite3_errmsg(Handle).utf8_to_string());
    }

    /// <summary>
    /// Steps a statement. SQLITE_BUSY can come back without SQLite's busy handler waiting (a
    /// WAL-index recovery in another process, for one): the statement is reset and tried again
    /// until the busy timeout has passed.
    /// </summary>
    internal bool Step(sqlite3_stmt statement)
    {
        long? deadline = null;
        for (var pause = 1; ; pause = Math.Min(pause * 2, 50))
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_ROW) return true;
            if (rc == raw.SQLITE_DONE) return false;
            deadline ??= Environment.TickCount64 + (long)BusyTimeout.TotalMilliseconds;
            if (rc is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Environment.TickCount64 >= deadline)
            {
                var error = new SqliteException(rc, raw.sqlite3_errmsg(Handle).utf8_to_string());
                raw.sqlite3_reset(statement);
                throw error;
            }
            raw.sqlite3_reset(statement);
            Thread.Sleep(pause);
        }
    }

    /// <summary>Returns the connection to its pool (rolling back a transaction left open), or closes it.</summary>
    public void Dispose()
    {
        if (_closed) return;
        Transaction?.Dispose();
        if (_pool is not null) _pool.Return(this);
        else Close();
    }

    /// <summary>Closes the connection for good.</summary>
    internal void Close()
    {
        if (_closed) return;
        _closed = true;
        foreach (var idle in _idleStatements.Values) idle.Statement?.Dispose();
        _idleStatements.Clear();
        Handle.Dispose();
    }
}

/// <summary>One compiled statement (null for text that compiles to none), the text it was compiled from, and the text after it.</summary>
internal sealed record PreparedStatement(string Text, sqlite3_stmt? Statement, string Rest);
