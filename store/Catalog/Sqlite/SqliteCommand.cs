using SQLitePCL;

namespace EnvTool.Store.Catalog.Sqlite;

/// <summary>
/// SQL text with named parameters (<c>$name</c>), run on one connection. Its statements are
/// compiled at their first execution and kept until the command is disposed, so a command run once
/// per row (with new <see cref="Parameters"/> values each time) is compiled once; disposed, they go
/// back to the connection for the next command with the same text. Text holding several
/// statements runs them all in <see cref="ExecuteNonQuery"/>; a query is one statement.
/// </summary>
internal sealed class SqliteCommand(SqliteConnection connection) : IDisposable
{
    /// <summary>The text's statements compiled so far (those that compile to one), taken from the connection.</summary>
    private readonly List<PreparedStatement> _prepared = [];
    private string _text = "";
    private string _unprepared = "";

    public string CommandText
    {
        get => _text;
        set
        {
            Unprepare();
            _text = _unprepared = value;
        }
    }

    internal SqliteParameters Parameters { get; } = new();

    /// <summary>Runs every statement of the text; returns the rows changed by the last one.</summary>
    internal int ExecuteNonQuery()
    {
        var changes = 0;
        // Each statement is compiled just before it runs: a later one may name a table an earlier one creates.
        for (var i = 0; Statement(i) is { } statement; i++)
        {
            Bind(statement);
            try
            {
                while (connection.Step(statement)) { }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
            changes = raw.sqlite3_changes(connection.Handle);
        }
        return changes;
    }

    /// <summary>The first column of the first row (<see cref="DBNull.Value"/> for NULL), or null when there is no row.</summary>
    internal object? ExecuteScalar()
    {
        using var reader = ExecuteReader();
        return reader.Read() ? reader.GetValue(0) : null;
    }

    /// <summary>The rows of the query; dispose the reader before running the command again.</summary>
    internal SqliteDataReader ExecuteReader()
    {
        var statement = Statement(0) ?? throw new InvalidOperationException("a query needs a statement: " + _text);
        if (Statement(1) is not null) throw new InvalidOperationException("a query is one statement: " + _text);
        Bind(statement);
        return new SqliteDataReader(connection, statement);
    }

    public void Dispose() => Unprepare();

    /// <summary>The text's statement number <paramref name="index"/>, compiled on first use; null past the last.</summary>
    private sqlite3_stmt? Statement(int index)
    {
        while (_prepared.Count <= index)
        {
            if (string.IsNullOrWhiteSpace(_unprepared)) return null;
            // Text after the last statement (a comment, say) compiles to no statement, as does an empty one (";;").
            if (connection.Prepare(_unprepared) is not { } prepared) return null;
            _unprepared = prepared.Rest;
            if (prepared.Statement is not null) _prepared.Add(prepared);
        }
        return _prepared[index].Statement;
    }

    private void Unprepare()
    {
        foreach (var prepared in _prepared) connection.Release(prepared);
        _prepared.Clear();
        _unprepared = _text;
    }

    private void Bind(sqlite3_stmt statement)
    {
        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var index = 1; index <= count; index++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, index).utf8_to_string();
            var value = Parameters.Find(name)
                        ?? throw new InvalidOperationException($"no value for parameter {name} of: {_text}");
            connection.Check(value.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                var other => throw new ArgumentException($"parameter {name}: SQLite cannot store a {other.GetType().Name}"),
            });
        }
    }
}

/// <summary>One named value of a command.</summary>
internal sealed class SqliteParameter(string name, object? value)
{
    internal string Name { get; } = name;

    /// <summary>string, integer, bool, double, byte[], or null (<see cref="DBNull"/> too) for NULL.</summary>
    internal object? Value { get; set; } = value;
}

/// <summary>A command's parameters by name.</summary>
internal sealed class SqliteParameters
{
    private readonly List<SqliteParameter> _all = [];

    internal SqliteParameter AddWithValue(string name, object? value)
    {
        var parameter = new SqliteParameter(name, value);
        _all.Add(parameter);
        return parameter;
    }

    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    internal SqliteParameter this[string name] => Find(name) ?? throw new KeyNotFoundException("no parameter " + name);

    internal SqliteParameter? Find(string name) => _all.Find(p => p.Name == name);
}
