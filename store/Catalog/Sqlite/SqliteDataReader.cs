using SQLitePCL;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>The rows of one query, read forward; disposing it resets the command's statement for its next run.</summary>
internal sealed class SqliteDataReader(SqliteConnection connection, sqlite3_stmt statement) : IDisposable
{
    internal bool Read() => connection.Step(statement);

    internal int FieldCount => raw.sqlite3_column_count(statement);

    internal bool IsDBNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    /// <exception cref="InvalidCastException">The value is NULL.</exception>
    internal string GetString(int column) => IsDBNull(column)
        ? throw new InvalidCastException($"column {column} is NULL")
        : raw.sqlite3_column_text(statement, column).utf8_to_string();

    internal long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

    internal int GetInt32(int column) => checked((int)GetInt64(column));

    internal bool GetBoolean(int column) => GetInt64(column) != 0;

    /// <summary>The value as SQLite stores it: long, double, string, byte[], or <see cref="DBNull.Value"/>.</summary>
    internal object GetValue(int column) => raw.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_INTEGER => GetInt64(column),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, column),
        raw.SQLITE_TEXT => GetString(column),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, column).ToArray(),
        _ => DBNull.Value,
    };

    public void Dispose() => raw.sqlite3_reset(statement);
}
