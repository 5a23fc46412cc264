using EnvTool.Store;
using EnvTool.Store.Catalog;
using EnvTool.Store.Errors;
using EnvTool.Tests.Support;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Tests.Store;

public sealed class CatalogTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-catalog");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Opening_an_empty_directory_creates_the_layout_and_the_latest_schema_in_WAL_mode()
    {
        var root = _temp.Sub("fresh");
        using (ContentStore.Open(root)) { }

        foreach (var dir in new[] { "objects", "entries", "trees", "tmp", "locks" })
            Assert.True(Directory.Exists(Path.Combine(root, dir)), dir);
        Assert.Equal(CatalogSchema.LatestVersion, CatalogQuery.Scalar(root, "PRAGMA user_version"));
        foreach (var table in new[] { "artifacts", "objects", "entries", "entry_files", "trees", "tree_entries", "environments", "generations", "roots" })
            Assert.Equal(1, CatalogQuery.Scalar(root, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        using var connection = SqliteConnection.Open(Path.Combine(root, "catalog.db"));
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
    }

    [Fact]
    public void Reopening_keeps_data_and_does_not_migrate_again()
    {
        var root = _temp.Sub("reopen");
        var artifact = new TestArtifact("keep").Add("k.py", "k\n");
        var descriptor = artifact.Describe(_temp.Path);
        using (var store = ContentStore.Open(root)) store.Import(descriptor, artifact);
        using (var store = ContentStore.Open(root))
        {
            Assert.NotNull(store.FindEntry(descriptor.Sha256));
            Assert.Equal(CatalogSchema.LatestVersion, CatalogQuery.Scalar(root, "PRAGMA user_version"));
        }
    }

    [Fact]
    public void A_catalog_from_a_newer_envtool_is_refused_with_a_clear_error()
    {
        var root = _temp.Sub("newer");
        using (ContentStore.Open(root)) { }
        CatalogQuery.Execute(root, $"PRAGMA user_version = {CatalogSchema.LatestVersion + 7}");

        var error = Assert.Throws<CatalogVersionException>(() => ContentStore.Open(root));

        Assert.Equal(CatalogSchema.LatestVersion + 7, error.Found);
        Assert.Equal(CatalogSchema.LatestVersion, error.Known);
        Assert.Contains("newer envtool", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_apply_in_order_only_the_steps_a_catalog_lacks()
    {
        var path = _temp.Sub("steps.db");
        var database = new CatalogDatabase(path);
        CatalogMigration[] first = [new(1, "one", "CREATE TABLE a (x INTEGER);")];
        CatalogMigration[] both = [.. first, new(2, "two", "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'migrated');")];

        CatalogMigrator.Migrate(database, first);
        Assert.Equal(1, database.Read(c => CatalogMigrator.UserVersion(c)));
        CatalogMigrator.Migrate(database, both);
        CatalogMigrator.Migrate(database, both); // idempotent: step 2 must not run twice

        Assert.Equal(2, database.Read(c => CatalogMigrator.UserVersion(c)));
        Assert.Equal(1L, database.Read(c =>
        {
            using var command = CatalogDatabase.Command(c, "SELECT count(*) FROM a WHERE y = 'migrated'");
            return (long)command.ExecuteScalar()!;
        }));
        database.Close();
    }

    [Fact]
    public void A_failing_migration_step_leaves_the_catalog_at_the_previous_version()
    {
        var path = _temp.Sub("broken.db");
        var database = new CatalogDatabase(path);
        CatalogMigration[] steps = [new(1, "one", "CREATE TABLE a (x INTEGER);"), new(2, "bad", "CREATE TABLE b (y INTEGER); SELECT * FROM missing_table;")];

        Assert.Throws<SqliteException>(() => CatalogMigrator.Migrate(database, steps));

        Assert.Equal(1, database.Read(c => CatalogMigrator.UserVersion(c)));
        Assert.Equal(0L, database.Read(c =>
        {
            using var command = CatalogDatabase.Command(c, "SELECT count(*) FROM sqlite_master WHERE name = 'b'");
            return (long)command.ExecuteScalar()!;
        }));
        database.Close();
    }

    [Fact]
    public void Writes_take_the_write_lock_at_BEGIN()
    {
        // BEGIN IMMEDIATE, not a deferred BEGIN: a second writer must be refused at its own BEGIN,
        // not later when it tries to upgrade a read lock (which cannot wait and would fail).
        var path = _temp.Sub("immediate.db");
        var database = new CatalogDatabase(path);
        database.ChooseJournal();
        using var holder = database.Open();
        using var transaction = holder.BeginTransaction(deferred: false);
        using var other = SqliteConnection.Open(path, busyTimeout: TimeSpan.Zero);
        other.Execute("PRAGMA busy_timeout = 0;");
        var busy = Assert.Throws<SqliteException>(() => other.Execute("BEGIN IMMEDIATE;"));
        Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY
        transaction.Rollback();
        database.Close();
    }

    [Fact]
    public void A_catalog_on_a_network_file_system_uses_a_rollback_journal_and_full_syncs()
    {
        // WAL's index lives in shared memory, which a second machine cannot see; a rollback journal needs only POSIX locks.
        var local = new CatalogDatabase(_temp.Sub("local.db"));
        var network = new CatalogDatabase(_temp.Sub("network.db"), networkFileSystem: true);
        local.ChooseJournal();
        network.ChooseJournal();
        Assert.Equal("wal", local.Read(c => Pragma(c, "journal_mode")));
        Assert.Equal("delete", network.Read(c => Pragma(c, "journal_mode")));
        Assert.Equal("1", local.Read(c => Pragma(c, "synchronous")));   // NORMAL
        Assert.Equal("2", network.Read(c => Pragma(c, "synchronous"))); // FULL
        local.Close();
        network.Close();
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
