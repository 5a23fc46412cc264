using EnvTool.Store.Catalog;
using EnvTool.Store.Catalog.Sqlite;
using EnvTool.Tests.Support;
using SQLitePCL;

namespace EnvTool.Tests.Store;

/// <summary>Compiled statements outlive their command and serve the next command with the same text.</summary>
public sealed class SqliteStatementTests : IDisposable
{
    private const string Insert = "INSERT INTO t (n, s) VALUES ($n, $s)";
    private const string Query = "SELECT n, s FROM t WHERE n >= $min ORDER BY n";

    private readonly TempDir _temp = new("envtool-sqlite");
    private readonly SqliteConnection _connection;

    public SqliteStatementTests()
    {
        _connection = SqliteConnection.Open(_temp.Sub("t.db"));
        _connection.Handle.enable_sqlite3_next_stmt(true); // lets the tests list the connection's statements
        _connection.Execute("CREATE TABLE t (n INTEGER, s TEXT);");
    }

    public void Dispose()
    {
        _connection.Close();
        _temp.Dispose();
    }

    private void Add(long n, string? s)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Insert;
        command.Parameters.AddWithValue("$n", n);
        command.Parameters.AddWithValue("$s", s);
        command.ExecuteNonQuery();
    }

    /// <summary>The texts of the statements SQLite holds for the connection, finished or not.</summary>
    private List<string> StatementsOnConnection()
    {
        var texts = new List<string>();
        for (var statement = raw.sqlite3_next_stmt(_connection.Handle, null); statement is not null && !statement.IsInvalid;
             statement = raw.sqlite3_next_stmt(_connection.Handle, statement))
            texts.Add(raw.sqlite3_sql(statement).utf8_to_string());
        return texts;
    }

    private List<(long N, string? S)> Read(long min)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Query;
        command.Parameters.AddWithValue("$min", min);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string?)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return rows;
    }

    [Fact]
    public void Commands_with_the_same_text_compile_it_once_and_each_runs_with_its_own_values()
    {
        Add(1, "one");
        Add(2, null);
        Add(3, "three");

        Assert.Equal([(1L, "one"), (2L, null), (3L, "three")], Read(0));
        Assert.Equal([(3L, "three")], Read(3));
        // One statement per text, however many commands ran it.
        Assert.Equal(1, StatementsOnConnection().Count(text => text == Insert));
        Assert.Equal(1, StatementsOnConnection().Count(text => text == Query));
    }

    [Fact]
    public void Two_commands_with_the_same_text_open_at_once_each_get_their_own_statement()
    {
        for (var n = 1; n <= 4; n++) Add(n, "v" + n);

        using var outer = _connection.CreateCommand();
        outer.CommandText = Query;
        outer.Parameters.AddWithValue("$min", 1L);
        using var reader = outer.ExecuteReader();
        var seen = new List<long>();
        while (reader.Read())
        {
            seen.Add(reader.GetInt64(0));
            // The same text again while the outer reader is on its row: a second statement, not the outer one reset.
            Assert.Equal(4 - seen.Count + 1, Read(seen[^1]).Count);
        }

        Assert.Equal([1L, 2L, 3L, 4L], seen);
        Assert.Equal(2, StatementsOnConnection().Count(text => text == Query));
    }

    [Fact]
    public void Text_of_several_statements_runs_each_and_keeps_each_for_the_next_run()
    {
        const string twoInserts = "INSERT INTO t (n, s) VALUES (10, 'a'); INSERT INTO t (n, s) VALUES (11, 'b');";
        _connection.Execute(twoInserts);
        _connection.Execute(twoInserts);

        Assert.Equal([(10L, "a"), (10L, "a"), (11L, "b"), (11L, "b")], Read(10));
        Assert.Equal(2, StatementsOnConnection().Count(text => text.TrimStart().StartsWith("INSERT INTO t (n, s) VALUES (1", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_statement_compiled_before_the_schema_changed_still_runs_after()
    {
        Add(1, "x");
        _connection.Execute("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'd';");
        Add(2, "y");

        Assert.Equal([(1L, "x"), (2L, "y")], Read(0));
    }

    [Fact]
    public void Catalog_connections_enforce_foreign_keys_and_wait_on_a_busy_catalog()
    {
        var database = new CatalogDatabase(_temp.Sub("catalog.db"));
        using var connection = database.Open();
        using var keys = connection.CreateCommand();
        keys.CommandText = "PRAGMA foreign_keys";
        using var timeout = connection.CreateCommand();
        timeout.CommandText = "PRAGMA busy_timeout";

        Assert.Equal(1L, keys.ExecuteScalar());
        Assert.Equal((long)CatalogDatabase.BusyTimeoutMs, timeout.ExecuteScalar());
    }
}
