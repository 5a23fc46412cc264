using EnvTool.Store;
using EnvTool.Store.Catalog;
using EnvTool.Store.Environments;
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

    [Fact]
    public void Step_7_moves_each_generations_changes_into_one_column_in_their_order()
    {
        var root = _temp.Sub("v6store");
        var env = _temp.Sub("project", ".venv");
        Directory.CreateDirectory(root);
        var database = new CatalogDatabase(Path.Combine(root, "catalog.db"));
        database.ChooseJournal();
        CatalogMigrator.Migrate(database, CatalogSchema.Migrations.Where(m => m.Version <= 6).ToList());
        // Positions inserted out of order, names that JSON must escape, a '+' it may keep.
        database.Write(c => c.Execute($"""
            INSERT INTO trees (id, key, path, created_at, last_used_at) VALUES (1, 'aaaa', 'trees/aaaa', 0, 0);
            INSERT INTO environments (id, path, current_generation, created_at) VALUES (1, '{env}', 3, 0);
            INSERT INTO generations (id, environment_id, number, parent, tree_id, command, created_at) VALUES (10, 1, 1, NULL, 1, 'envtool create', 0);
            INSERT INTO generations (id, environment_id, number, parent, tree_id, command, created_at) VALUES (11, 1, 2, 10, 1, 'envtool install', 0);
            INSERT INTO generations (id, environment_id, number, parent, tree_id, command, created_at) VALUES (12, 1, 3, 11, 1, 'envtool rollback', 0);
            INSERT INTO generation_changes VALUES (10, 2, 'added', 'say "hi"' || char(9) || 'tab', NULL, '3');
            INSERT INTO generation_changes VALUES (10, 0, 'added', 'Zeta', NULL, '1.0');
            INSERT INTO generation_changes VALUES (10, 1, 'added', 'alpha', NULL, '2.0+local');
            INSERT INTO generation_changes VALUES (11, 1, 'removed', 'Zeta', '1.0', NULL);
            INSERT INTO generation_changes VALUES (11, 0, 'changed', 'alpha', '2.0+local', '2.1');
            """));
        database.Close();
        Directory.CreateDirectory(Path.Combine(root, "trees", "aaaa"));
        Directory.CreateDirectory(Path.GetDirectoryName(env)!);
        File.CreateSymbolicLink(env, Path.Combine(root, "trees", "aaaa"));

        using var store = ContentStore.Open(root);
        var generations = store.Environments.Inspect(env).Generations;

        Assert.Equal(7, CatalogQuery.Scalar(root, "PRAGMA user_version"));
        Assert.Equal(0, CatalogQuery.Scalar(root, "SELECT count(*) FROM sqlite_master WHERE name = 'generation_changes'"));
        Assert.Equal(
            [new GenerationChange(GenerationChangeKind.Added, "Zeta", null, "1.0"), new GenerationChange(GenerationChangeKind.Added, "alpha", null, "2.0+local"),
             new GenerationChange(GenerationChangeKind.Added, "say \"hi\"\ttab", null, "3")],
            generations[0].Changes);
        Assert.Equal(
            [new GenerationChange(GenerationChangeKind.Changed, "alpha", "2.0+local", "2.1"), new GenerationChange(GenerationChangeKind.Removed, "Zeta", "1.0", null)],
            generations[1].Changes);
        Assert.Empty(generations[2].Changes);
    }

    [Fact]
    public void Changes_written_by_this_version_read_back_equal_and_damaged_ones_say_the_store_is_damaged()
    {
        IReadOnlyList<GenerationChange> changes =
        [
            new(GenerationChangeKind.Added, "naïve-pkg", null, "1.0+cpu"), new(GenerationChangeKind.Removed, "old", "0.1", null),
            new(GenerationChangeKind.Changed, "quote\"d", "1", "2"),
        ];
        Assert.Equal(changes, GenerationChangesJson.Parse(GenerationChangesJson.Write(changes)));
        Assert.Empty(GenerationChangesJson.Parse(GenerationChangesJson.Write([])));

        foreach (var damaged in new[] { "", "[", "{}", "[[\"added\",\"x\",null]]", "[[\"moved\",\"x\",null,\"1\"]]", "[[1,\"x\",null,\"1\"]]" })
            Assert.Throws<FormatException>(() => GenerationChangesJson.Parse(damaged));
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
