using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Native;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>What a builder killed at the worst moment leaves behind is sealed, and still gets cleaned up.</summary>
public class DebrisTests
{
    private static void Seal(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, "lib", "site-packages"));
        File.WriteAllText(Path.Combine(dir, "lib", "site-packages", "stale.py"), "");
        Assert.True(TreeSealing.SealBelowRoot(dir, ["lib", "lib/site-packages"]) || Environment.UserName != "root");
    }

    [SkippableFact]
    public void ASealedTreeWithoutACatalogRowIsReplacedByTheNextBuild()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var demo = t.Package(TestWheels.Demo());
        var spec = new TreeSpec(TreeTestStore.Python(python), [demo], LinkMode.Hardlink, Compile: false);
        // Killed between the rename and the catalog commit: the directory is there, sealed, with no row.
        var debris = t.Store.Trees.PathOf(spec.Key);
        Directory.CreateDirectory(debris);
        Seal(debris);

        var tree = t.Builder.Build(spec);
        Assert.Equal(debris, tree.Path);
        Assert.False(tree.Reused);
        Assert.False(File.Exists(Path.Combine(tree.Path, "lib", "site-packages", "stale.py")));
        Assert.True(File.Exists(Path.Combine(tree.Path, "pyvenv.cfg")));
        Assert.Equal(1, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
    }

    [Fact]
    public void AbandonedSealedStagingIsSweptWhenTheStoreOpens()
    {
        using var dir = new TempDir("envtool-trees-debris");
        var root = dir.Sub("store");
        ContentStore.Open(root).Dispose();
        // A staging directory whose owner died before it even took its lock, long ago, holding a sealed tree.
        var staging = Path.Combine(root, "tmp", "20200101T000000-1-dead");
        Seal(Path.Combine(staging, "tree"));
        Posix.Chmod(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.SetLastWriteTimeUtc(staging, DateTime.UtcNow.AddHours(-1));

        ContentStore.Open(root).Dispose();
        Assert.False(Directory.Exists(staging));
    }
}
