using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Linking;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Each link mode places the same files; the file system's refusals fall back with one warning.</summary>
public class LinkModeTests
{
    private sealed class FaultyLinks(Func<string, string, LinkStatus?> fault) : ILinkSystem
    {
        public LinkStatus Link(string existing, string newPath) => fault(existing, newPath) ?? PosixLinkSystem.Instance.Link(existing, newPath);
    }

    private static string Id(string path) => TreeTestStore.Run("stat", ["-c", "%d:%i", path]).Stdout.Trim();

    private static (TreeRecord Tree, string EntryFile, string TreeFile) BuildWith(TreeTestStore t, string python, LinkMode mode)
    {
        var demo = t.Package(TestWheels.Demo());
        var tree = t.Builder.Build(new TreeSpec(TreeTestStore.Python(python), [demo], mode, Compile: false));
        return (tree, Path.Combine(demo.Entry.Path, "demo", "sub", "mod.py"),
            Path.Combine(tree.Path, TreeTestStore.Python(python).SitePackagesRelative, "demo", "sub", "mod.py"));
    }

    private static void AssertWorks(TreeRecord tree)
    {
        var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "demo-cli"), []);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("demo main", run.Stdout);
    }

    [SkippableFact]
    public void HardlinkSharesTheEntrysInode()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var (tree, entryFile, treeFile) = BuildWith(t, python, LinkMode.Hardlink);
        Assert.Equal(Id(entryFile), Id(treeFile));
        Assert.Empty(tree.Warnings);
        AssertWorks(tree);
    }

    [SkippableFact]
    public void CopyMakesIndependentReadOnlyFiles()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var (tree, entryFile, treeFile) = BuildWith(t, python, LinkMode.Copy);
        Assert.NotEqual(Id(entryFile), Id(treeFile));
        Assert.Equal(File.ReadAllBytes(entryFile), File.ReadAllBytes(treeFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(treeFile));
        Assert.Equal(UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(tree.Path, "bin", "demo-cli")) & UnixFileMode.UserExecute);
        Assert.Empty(tree.Warnings);
        AssertWorks(tree);
    }

    [SkippableFact]
    public void SymlinkPointsIntoTheStore()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var (tree, entryFile, treeFile) = BuildWith(t, python, LinkMode.Symlink);
        Assert.Equal(entryFile, new FileInfo(treeFile).LinkTarget);
        Assert.StartsWith(t.StoreRoot + "/objects/", new FileInfo(Path.Combine(tree.Path, "bin", "demo-cli")).LinkTarget);
        AssertWorks(tree);
    }

    [SkippableFact]
    public void CloneFallsBackToHardlinksWithOneWarningWhereTheFileSystemCannotClone()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var canClone = t.Store.Trees.Resolve(LinkMode.Auto) == LinkMode.Clone;
        var (tree, entryFile, treeFile) = BuildWith(t, python, LinkMode.Clone);
        AssertWorks(tree);
        if (canClone)
        {
            Assert.NotEqual(Id(entryFile), Id(treeFile));
            Assert.Empty(tree.Warnings);
        }
        else
        {
            Assert.Equal(Id(entryFile), Id(treeFile));
            Assert.Contains("cannot clone", Assert.Single(tree.Warnings));
        }
    }

    [SkippableFact]
    public void AutoIsKeyedByTheModeItResolvesTo()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var resolved = t.Store.Trees.Resolve(LinkMode.Auto);
        Assert.NotEqual(LinkMode.Auto, resolved);
        var demo = t.Package(TestWheels.Demo());
        var info = TreeTestStore.Python(python);
        var auto = t.Builder.Build(new TreeSpec(info, [demo], LinkMode.Auto, Compile: false));
        var concrete = t.Builder.Build(new TreeSpec(info, [demo], resolved, Compile: false));
        Assert.Equal(auto.Key, concrete.Key);
        Assert.True(concrete.Reused);
        Assert.Equal(new TreeSpec(info, [demo], resolved, Compile: false).Key, auto.Key);
    }

    [SkippableTheory]
    [InlineData(LinkStatus.TooManyLinks)]
    [InlineData(LinkStatus.CrossDevice)]
    [InlineData(LinkStatus.NotPermitted)]
    public void RefusedHardlinksBecomeCopiesWithOneWarningPerBuild(LinkStatus refusal)
    {
        var python = TestPythons.RequireDefault();
        // Links into staged trees are refused; everything else (objects, entries) links normally.
        var links = new FaultyLinks((_, newPath) => newPath.Contains("/tree/", StringComparison.Ordinal) ? refusal : null);
        using var t = new TreeTestStore(new StoreOptions { Links = links });
        var (tree, entryFile, treeFile) = BuildWith(t, python, LinkMode.Hardlink);
        Assert.NotEqual(Id(entryFile), Id(treeFile));
        Assert.Equal(File.ReadAllBytes(entryFile), File.ReadAllBytes(treeFile));
        Assert.Contains("copied", Assert.Single(tree.Warnings));
        AssertWorks(tree);
    }
}
