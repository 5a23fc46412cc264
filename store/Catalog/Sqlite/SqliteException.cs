namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>SQLite refused a statement or a file; <see cref="SqliteErrorCode"/> is its primary result code.</summary>
internal sealed class SqliteException(int errorCode, string message)
    : Exception($"SQLite Error {errorCode}: '{message}'.")
{
    /// <summary>The primary result code (SQLITE_BUSY = 5, SQLITE_FULL = 13, ...).</summary>
    internal int SqliteErrorCode { get; } = errorCode & 0xFF;
}
