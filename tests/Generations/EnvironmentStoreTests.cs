using EnvTool.Store;
using EnvTool.Store.Catalog;
using EnvTool.Store.Environments;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

public sealed class EnvironmentStoreTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-gen");
    private readonly ContentStore _store;

    public EnvironmentStoreTests()
    {
        _store = ContentStore.Open(_dir.Sub("store"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private string Env => _dir.Sub("project", ".venv");

    private GenerationRecord Commit(string key, string command = "test", IReadOnlyList<GenerationChange>? changes = null, int? restores = null)
    {
        PlainTrees.Publish(_store, key);
        Directory.CreateDirectory(Path.GetDirectoryName(Env)!);
        using var session = _store.Environments.Lock(Env);
        return session.Commit(key, command, "settings-" + key, changes ?? [], restores);
    }

    [Fact]
    public void First_commit_links_the_path_to_the_tree_and_registers_generation_one()
    {
        var g = Commit("aaaa", "envtool create .venv", [new(GenerationChangeKind.Added, "demo", null, "1.0")]);

        Assert.Equal(1, g.Number);
        Assert.Null(g.Parent);
        Assert.Equal(_store.Layout.TreeDir("aaaa"), new FileInfo(Env).LinkTarget);
        Assert.Equal("aaaa", PlainTrees.Marker(Env));
        var state = _store.Environments.Inspect(Env);
        Assert.Equal(1, state.Current!.Number);
        Assert.Equal("envtool create .venv", state.Current.Command);
        Assert.Equal("settings-aaaa", state.Current.Settings);
        Assert.Equal([new GenerationChange(GenerationChangeKind.Added, "demo", null, "1.0")], state.Current.Changes);
    }

    [Fact]
    public void Later_commits_chain_parents_and_switch_the_same_path()
    {
        Commit("aaaa");
        var second = Commit("bbbb", changes: [new(GenerationChangeKind.Changed, "demo", "1.0", "2.0")]);
        var third = Commit("aaaa", "rollback", restores: 1);

        Assert.Equal((2, 1), (second.Number, second.Parent));
        Assert.Equal((3, 2, 1), (third.Number, third.Parent, third.Restores));
        Assert.Equal("aaaa", PlainTrees.Marker(Env));
        var state = _store.Environments.Inspect(Env);
        Assert.Equal([1, 2, 3], state.Generations.Select(g => g.Number));
        Assert.Equal("2.0", state.Find(2)!.Changes.Single().After);
    }

    [Fact]
    public void The_path_is_registered_as_named_not_through_its_own_symlink()
    {
        Commit("aaaa");
        using var session = _store.Environments.Lock(Env + "/");
        Assert.Equal(Env, session.Path);
        Assert.Equal(1, session.State.Current!.Number);
    }

    [Fact]
    public void A_plain_directory_at_the_path_is_refused_and_left_intact()
    {
        Directory.CreateDirectory(Env);
        File.WriteAllText(Path.Combine(Env, "keep.txt"), "mine");
        PlainTrees.Publish(_store, "aaaa");

        var e = Assert.Throws<EnvironmentPathTakenException>(() => _store.Environments.Lock(Env).Dispose());
        Assert.Contains(Env, e.Message);
        Assert.Contains("a directory", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Env, "keep.txt")));
    }

    [Fact]
    public void A_file_or_a_foreign_symlink_at_the_path_is_refused_and_left_intact()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Env)!);
        File.WriteAllText(Env, "not a venv");
        Assert.Contains("a file", Assert.Throws<EnvironmentPathTakenException>(() => _store.Environments.Inspect(Env)).Message);
        Assert.Equal("not a venv", File.ReadAllText(Env));

        File.Delete(Env);
        var elsewhere = _dir.Sub("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.CreateSymbolicLink(Env, elsewhere);
        var e = Assert.Throws<EnvironmentPathTakenException>(() => _store.Environments.Lock(Env).Dispose());
        Assert.Contains(elsewhere, e.Message);
        Assert.Equal(elsewhere, new FileInfo(Env).LinkTarget);
    }

    [Fact]
    public void A_directory_appearing_after_the_check_is_not_replaced_by_create()
    {
        PlainTrees.Publish(_store, "aaaa");
        Directory.CreateDirectory(Path.GetDirectoryName(Env)!);
        using var session = _store.Environments.Lock(Env);
        Directory.CreateDirectory(Env);
        Assert.Throws<EnvironmentPathTakenException>(() => session.Commit("aaaa", "create", "", []));
        Assert.True(Directory.Exists(Env) && new FileInfo(Env).LinkTarget is null);
        Assert.Equal([".venv"], Directory.GetFileSystemEntries(Path.GetDirectoryName(Env)!).Select(Path.GetFileName));
    }

    [Fact]
    public void A_crash_between_rename_and_catalog_update_is_repaired_from_the_symlink()
    {
        Commit("aaaa");
        PlainTrees.Publish(_store, "bbbb");
        var catalog = new EnvironmentCatalog(_store.Layout, new CatalogDatabase(_store.Layout.CatalogPath));
        // The first two steps of a switch, then "death": the row exists, the link moved, the row is not current.
        var number = catalog.AddGeneration(Env, 1, "bbbb", "install", "", null, []);
        EnvironmentLink.Switch(_store.Layout, Env, "bbbb", mustBeNew: false);
        Assert.Equal(1, catalog.Read(Env).CurrentNumber);

        // Readers already see what the link says, without writing.
        Assert.Equal(2, _store.Environments.Inspect(Env).Current!.Number);
        Assert.Equal(1, catalog.Read(Env).CurrentNumber);
        // The next command that locks repairs the catalog.
        using (var session = _store.Environments.Lock(Env))
            Assert.Equal(number, session.State.Current!.Number);
        Assert.Equal(2, catalog.Read(Env).CurrentNumber);
    }

    [Fact]
    public void A_crash_before_the_rename_leaves_the_old_generation_and_its_row_is_dropped()
    {
        Commit("aaaa");
        PlainTrees.Publish(_store, "bbbb");
        var catalog = new EnvironmentCatalog(_store.Layout, new CatalogDatabase(_store.Layout.CatalogPath));
        catalog.AddGeneration(Env, 1, "bbbb", "install", "", null, []);
        // A temporary link a killed switch could leave next to the path.
        File.CreateSymbolicLink(Path.Combine(Path.GetDirectoryName(Env)!, ".venv.envtool-switch"), _store.Layout.TreeDir("bbbb"));

        var state = _store.Environments.Inspect(Env);
        Assert.Equal(1, state.Current!.Number);
        Assert.Equal([1], state.Generations.Select(g => g.Number));

        using (var session = _store.Environments.Lock(Env)) Assert.Equal(1, session.State.Current!.Number);
        Assert.Equal([1], catalog.Read(Env).Generations.Select(g => g.Number));
        Assert.Equal([".venv"], Directory.GetFileSystemEntries(Path.GetDirectoryName(Env)!).Select(Path.GetFileName));
        Assert.Equal(2, Commit("bbbb").Number);
    }

    [Fact]
    public void The_catalog_swap_refuses_a_writer_that_read_an_older_current_generation()
    {
        Commit("aaaa");
        Commit("bbbb");
        var catalog = new EnvironmentCatalog(_store.Layout, new CatalogDatabase(_store.Layout.CatalogPath));
        var e = Assert.Throws<EnvironmentChangedException>(() => catalog.AddGeneration(Env, 1, "aaaa", "stale", "", null, []));
        Assert.Contains("expected generation 1, found 2", e.Message);
        Assert.Throws<EnvironmentChangedException>(() => catalog.SetCurrent(Env, 1, 2));
        Assert.Equal([1, 2], catalog.Read(Env).Generations.Select(g => g.Number));
    }

    [Fact]
    public void Concurrent_changers_queue_on_the_lock_and_none_is_lost()
    {
        Commit("base");
        var keys = Enumerable.Range(0, 8).Select(i => $"k{i}").ToList();
        foreach (var key in keys) PlainTrees.Publish(_store, key);
        Parallel.ForEach(keys, new ParallelOptions { MaxDegreeOfParallelism = 4 }, key =>
        {
            using var session = _store.Environments.Lock(Env);
            var parent = session.State.Current!.Number;
            Thread.Sleep(5); // hold the lock long enough for the others to queue
            var g = session.Commit(key, "install " + key, "", []);
            Assert.Equal(parent + 1, g.Number);
        });
        var state = _store.Environments.Inspect(Env);
        Assert.Equal(Enumerable.Range(1, 9), state.Generations.Select(g => g.Number));
        Assert.Equal(keys.Order(StringComparer.Ordinal), state.Generations.Skip(1).Select(g => g.TreeKey).Order(StringComparer.Ordinal));
        Assert.All(state.Generations.Skip(1), g => Assert.Equal(g.Number - 1, g.Parent));
    }

    [Fact]
    public async Task A_second_changer_says_it_waits_then_builds_on_the_first_ones_result()
    {
        Commit("aaaa");
        PlainTrees.Publish(_store, "bbbb");
        PlainTrees.Publish(_store, "cccc");
        var first = _store.Environments.Lock(Env);
        using var waiting = new ManualResetEventSlim();
        var second = Task.Run(() =>
        {
            using var session = _store.Environments.Lock(Env, waiting.Set);
            return (Parent: session.State.Current!.Number, Made: session.Commit("cccc", "second", "", []).Number);
        });
        Assert.True(waiting.Wait(TimeSpan.FromSeconds(30)), "the second changer never reported waiting");
        Assert.Equal(2, first.Commit("bbbb", "first", "", []).Number);
        first.Dispose();
        Assert.Equal((2, 3), await second);
        Assert.Equal(["aaaa", "bbbb", "cccc"], _store.Environments.Inspect(Env).Generations.Select(g => g.TreeKey));
    }

    [Fact]
    public void Create_at_a_path_whose_link_was_deleted_starts_a_new_history()
    {
        Commit("aaaa");
        Commit("bbbb");
        File.Delete(Env);
        Assert.Null(_store.Environments.Inspect(Env).Current);
        var g = Commit("cccc", "create again");
        Assert.Equal(1, g.Number);
        Assert.Equal(["cccc"], _store.Environments.Inspect(Env).Generations.Select(x => x.TreeKey));
    }

    [Fact]
    public void A_link_into_the_store_that_no_generation_names_is_reported()
    {
        PlainTrees.Publish(_store, "aaaa");
        Directory.CreateDirectory(Path.GetDirectoryName(Env)!);
        File.CreateSymbolicLink(Env, _store.Layout.TreeDir("aaaa"));
        var e = Assert.Throws<EnvTool.Store.Errors.EnvToolException>(() => _store.Environments.Inspect(Env));
        Assert.Contains("no generation", e.Message);
    }
}
