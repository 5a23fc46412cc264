using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Builders of one key, each with its own store handle (own catalog connections, own flock fds), publish one tree.</summary>
public class TreeConcurrencyTests
{
    [SkippableFact]
    public void ConcurrentBuildsOfOneSpecPublishOneTree()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var packages = new[] { t.Package(TestWheels.Demo()), t.Package(TestWheels.Other()) };
        var info = TreeTestStore.Python(python);
        using var start = new Barrier(4);
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var store = ContentStore.Open(t.StoreRoot);
            start.SignalAndWait();
            return new TreeBuilder(store).Build(new TreeSpec(info, packages, LinkMode.Hardlink, Compile: true));
        })).ToList(); // started all at once: they meet at the barrier
        var results = tasks.Select(task => task.Result).ToList();

        Assert.Single(results.Select(r => r.Key).Distinct());
        Assert.Single(results, r => !r.Reused);
        Assert.Equal(1, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
        Assert.Equal(2, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM overlays"));
        Assert.Single(Directory.GetDirectories(Path.Combine(t.StoreRoot, "trees")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StoreRoot, "tmp")));
    }
}
