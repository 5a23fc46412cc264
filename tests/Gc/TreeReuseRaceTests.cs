using EnvTool.Environments;
using EnvTool.Environments.Trees;
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

    /// <summary>
    /// Provides one wheel as a remembered resolution does: its entry looked up without a root. The
    /// first time, gc runs right after the look (the entry, unreferenced, goes); later calls import
    /// the wheel as a resolution would.
    /// </summary>
    private sealed class UnrootedThenImported(EnvTool.Store.ContentStore store, string wheel, Action gcAfterLook) : IPackageProvider
    {
        public int Calls { get; private set; }

        public IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                                  IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
        {
            Calls++;
            var sha = GcStore.Sha256Of(wheel);
            EnvTool.Store.Entries.EntryRecord entry;
            if (Calls == 1)
            {
                entry = store.ListedEntries([sha])[sha];
                gcAfterLook();
            }
            else entry = new EnvTool.Wheels.WheelImporter(store).Import(wheel).Entry;
            return [new TreePackage(entry, "loose", "1.0", Requested: true, DirectUrlJson: null)];
        }

        public IReadOnlyList<TreePackage> Remove(IReadOnlyList<string> names, InterpreterInfo interpreter,
                                                 IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct) =>
            throw new NotSupportedException();
    }

    [SkippableFact]
    public void Entries_that_gc_removes_before_a_tree_links_them_are_provided_again()
    {
        var wheel = _store.Wheel("loose", padding: 1000);
        using (var store = _store.Open()) new EnvTool.Wheels.WheelImporter(store).Import(wheel); // in the store, held by nothing
        var info = InterpreterCache.Default.Get(TestPythons.RequireDefault());
        GcReport? midway = null;
        var env = _store.Sub("env", ".venv");
        EnvironmentChange change;
        UnrootedThenImported provider;
        using (var store = _store.Open())
        {
            provider = new UnrootedThenImported(store, wheel, () => midway = _store.Gc(Now));
            change = new EnvironmentManager(store, provider, findInterpreter: _ => info).Create(
                new CreateRequest(env, [PackageRequest.FromArgument(wheel)], InterpreterRequest.Any, LinkMode.Hardlink, false, "create"));
        }

        Assert.NotNull(midway);
        Assert.Contains(midway.Items, i => i.Kind == GcItemKind.Entry && i.Name == GcStore.Sha256Of(wheel));
        Assert.Equal(2, provider.Calls);
        Assert.Equal(["loose"], change.Packages.Select(p => p.Name));
        Assert.True(File.Exists(Path.Combine(env, "pyvenv.cfg")));
        Assert.Equal([GcStore.Sha256Of(wheel)], _store.Column("SELECT artifact_sha256 FROM entries"));
        using var verify = _store.Open();
        Assert.True(verify.Verify(new EnvTool.Store.Verify.VerifyOptions { Full = true }).IsClean);
    }
}
