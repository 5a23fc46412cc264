using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Gc;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>
/// The roots `envtool run` writes are the ones gc reads: an ephemeral environment keeps its tree while
/// the process that ran in it lives, else while its symlink exists and it has not expired.
/// </summary>
public sealed class EphemeralGcTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-run-gc");

    public void Dispose() => _dir.Dispose();

    private (ContentStore Store, string TreeKey, string TreePath, string Link) Setup(TimeSpan? lifetime = null)
    {
        var interpreter = InterpreterCache.Default.Get(TestPythons.RequireDefault());
        var link = _dir.Sub("link");
        TreeRecord tree;
        // Built by one handle; registered, as `envtool run` does, by the one gc then runs from, whose
        // owner lock stands for the process running in the environment (see OwnerLock), after the
        // first let go of the operation roots its build held.
        using (var building = ContentStore.Open(_dir.Sub("store")))
        {
            tree = new TreeBuilder(building).Build(new TreeSpec(interpreter, [], LinkMode.Hardlink, Compile: false));
            building.Ephemeral.Link(link, tree.Key);
        }
        var store = ContentStore.Open(_dir.Sub("store"));
        Assert.True(store.Ephemeral.Register(link, tree.Key, lifetime));
        return (store, tree.Key, tree.Path, link);
    }

    /// <summary>Makes the recorded process one that has exited: its owner lock is not held (nor there).</summary>
    private void Orphan() => CatalogQuery.Execute(_dir.Sub("store"), $"UPDATE roots SET owner = '{Guid.NewGuid():N}' WHERE kind = 'ephemeral'");

    private static void Collect(ContentStore store) => store.CollectGarbage(new GcOptions { Grace = TimeSpan.Zero });

    [SkippableFact]
    public void The_row_has_gc_s_shape_and_a_live_environment_is_kept()
    {
        var (store, key, path, link) = Setup();
        using (store)
        {
            var root = Assert.Single(store.Ephemeral.List());
            Assert.Equal(link, root.Path);
            Assert.Equal(key, root.TreeKey);
            Assert.Equal(Environment.ProcessId, root.Pid);
            Assert.InRange((root.Expires - root.LastUsed).TotalDays, 29.99, 30.01);
            Assert.Equal("tree:" + key, CatalogQueryText("SELECT reference FROM roots WHERE kind = 'ephemeral'"));
            Orphan();
            Collect(store);
            Assert.True(Directory.Exists(path));
        }
    }

    [SkippableFact]
    public void A_running_process_keeps_its_environment_after_the_symlink_is_gone_and_a_dead_one_does_not()
    {
        var (store, _, path, link) = Setup();
        using (store)
        {
            File.Delete(link);
            Collect(store);
            Assert.True(Directory.Exists(path)); // this process is the recorded one, and it runs
            Orphan();
            Collect(store);
            Assert.False(Directory.Exists(path));
            Assert.Empty(store.Ephemeral.List());
        }
    }

    [SkippableFact]
    public void An_environment_unused_past_its_lifetime_goes_even_with_its_symlink()
    {
        var (store, key, path, _) = Setup(TimeSpan.FromMilliseconds(1));
        using (store)
        {
            Thread.Sleep(20);
            Orphan();
            Collect(store);
            Assert.False(Directory.Exists(path));
            // What the need-key record pointed at went with the tree: a later run resolves again.
            Assert.Equal(0L, CatalogQuery.Scalar(_dir.Sub("store"), $"SELECT count(*) FROM trees WHERE key = '{key}'"));
        }
    }

    private string CatalogQueryText(string sql)
    {
        using var connection = EnvTool.Store.Catalog.Sqlite.SqliteConnection.Open(_dir.Sub("store", "catalog.db"), EnvTool.Store.Catalog.Sqlite.SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
