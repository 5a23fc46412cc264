using EnvTool.Environments;
using EnvTool.Python;
using EnvTool.Store.Gc;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Gc;

/// <summary>
/// A published tree is reused without registering a root; the generation naming it is what keeps
/// it. These tests run gc in the one window that leaves open: after the tree was found, before the
/// generation is written.
/// </summary>
public sealed class TreeReuseRaceTests : IDisposable
{
    private static readonly GcOptions Now = new() { Grace = TimeSpan.Zero };

    private readonly GcStore _store = new();

    public void Dispose() => _store.Dispose();

    /// <summary>Runs <paramref name="action"/> once, inline, when the command reports the switch (the tree is found, the generation not yet written).</summary>
    private sealed class AtSwitch(Action action) : IProgress<EnvironmentProgress>
    {
        private bool _done;

        public void Report(EnvironmentProgress value)
        {
            if (value.Step != "switch" || _done) return;
            _done = true;
            action();
        }
    }

    [SkippableFact]
    public void A_reused_tree_that_gc_removes_before_the_generation_names_it_is_built_again()
    {
        var alpha = _store.Wheel("alpha", padding: 2000);
        var first = _store.Sub("first", ".venv");
        var created = _store.Create(first, compile: false, alpha);
        File.Delete(first); // the first environment goes: its tree is now held by nothing but its stale generation

        var info = InterpreterCache.Default.Get(TestPythons.RequireDefault());
        GcReport? midway = null;
        var second = _store.Sub("second", ".venv");
        EnvironmentChange change;
        using (var store = _store.Open())
            change = new EnvironmentManager(store, findInterpreter: _ => info).Create(
                new CreateRequest(second, [PackageRequest.FromArgument(alpha)], InterpreterRequest.Any, LinkMode.Hardlink, false, "create"),
                new AtSwitch(() => midway = _store.Gc(Now)));

        // The race happened: gc took the very tree the second create had found...
        Assert.NotNull(midway);
        Assert.Contains(midway.Items, i => i.Kind == GcItemKind.Tree && i.Name == created.Generation.TreeKey);
        // ...and the create built it again instead of failing or naming a missing tree.
        Assert.False(change.TreeReused);
        Assert.Equal(created.Generation.TreeKey, change.Generation.TreeKey);
        Assert.Equal(Path.Combine(_store.Root, "trees", change.Generation.TreeKey), Path.GetFullPath(ResolveLink(second)));
        Assert.True(File.Exists(Path.Combine(second, "pyvenv.cfg")));
        Assert.Equal([change.Generation.TreeKey], _store.Column("SELECT key FROM trees"));
        Assert.Equal([change.Generation.TreeKey], _store.OnDisk("trees"));
    }

    [SkippableFact]
    public void Without_gc_in_between_the_tree_is_reused_and_nothing_is_rooted_for_it()
    {
        var alpha = _store.Wheel("alpha", padding: 2000);
        var created = _store.Create(_store.Sub("first", ".venv"), compile: false, alpha);
        var info = InterpreterCache.Default.Get(TestPythons.RequireDefault());
        var second = _store.Sub("second", ".venv");
        List<string>? treeRoots = null;
        EnvironmentChange change;
        using (var store = _store.Open())
            change = new EnvironmentManager(store, findInterpreter: _ => info).Create(
                new CreateRequest(second, [PackageRequest.FromArgument(alpha)], InterpreterRequest.Any, LinkMode.Hardlink, false, "create"),
                new AtSwitch(() => treeRoots = _store.Column("SELECT reference FROM roots WHERE reference LIKE 'tree:%'")));

        Assert.True(change.TreeReused);
        Assert.Equal(created.Generation.TreeKey, change.Generation.TreeKey);
        Assert.NotNull(treeRoots);
        Assert.Empty(treeRoots);
    }

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    [Fact]
    public void Entries_looked_up_without_a_root_are_gc_s_to_take_and_found_ones_are_kept()
    {
        var wheel = _store.Wheel("loose", padding: 1000);
        using (var store = _store.Open()) new EnvTool.Wheels.WheelImporter(store).Import(wheel);
        var sha = GcStore.Sha256Of(wheel);

        using (var looking = _store.Open())
        {
            Assert.True(looking.ListedEntries([sha]).ContainsKey(sha));
            _store.Gc(Now); // the look registered nothing: the unreferenced entry goes
            Assert.False(looking.ListedEntries([sha]).ContainsKey(sha));
        }

        using (var store = _store.Open()) new EnvTool.Wheels.WheelImporter(store).Import(wheel);
        using (var holding = _store.Open())
        {
            Assert.True(holding.FindEntries([sha]).ContainsKey(sha));
            _store.Gc(Now); // rooted by the open handle: kept
            Assert.True(holding.ListedEntries([sha]).ContainsKey(sha));
        }
    }
}
