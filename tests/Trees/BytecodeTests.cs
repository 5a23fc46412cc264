using EnvTool.Environments.Trees;
using EnvTool.Standards.Metadata;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Bytecode overlays: compiled once per entry and interpreter, linked into trees, used by imports.</summary>
public class BytecodeTests
{
    private static WheelBuilder WithPython2File() => TestWheels.Demo()
        .File("demo/legacy.py", "print \"python 2 only\"\n");

    private static TreeRecord Build(TreeTestStore t, string python, params TreePackage[] packages) =>
        t.Builder.Build(new TreeSpec(TreeTestStore.Python(python), packages, LinkMode.Hardlink, Compile: true));

    private static string Snapshot(string root) => string.Join("\n", TreeTestStore.Listing(root).Select(p =>
    {
        var full = Path.Combine(root, p);
        var info = new FileInfo(full);
        return $"{p} {info.LinkTarget} {(info.Exists ? info.Length : -1)} {File.GetLastWriteTimeUtc(full).Ticks}";
    }));

    [SkippableFact]
    public void ImportsInAFreshTreeUseTheOverlayAndWriteNothing()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var tree = Build(t, python, t.Package(WithPython2File()));
        var info = TreeTestStore.Python(python);
        var site = Path.Combine(tree.Path, info.SitePackagesRelative);
        var pyc = Path.Combine(site, "demo", "sub", "__pycache__", $"mod.{info.CacheTag}.pyc");
        Assert.True(File.Exists(pyc));
        Assert.True(File.Exists(Path.Combine(site, "__pycache__", $"demo_extra.{info.CacheTag}.pyc"))); // from .data/purelib
        Assert.False(File.Exists(Path.Combine(site, "demo", "__pycache__", $"legacy.{info.CacheTag}.pyc"))); // did not compile: skipped

        var before = Snapshot(tree.Path);
        var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"),
            ["-v", "-c", "import demo.sub.mod, demo_extra, sys; print(sys.modules['demo.sub.mod'].__cached__)"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(pyc + "\n", run.Stdout);
        Assert.Contains($"{pyc} matches {Path.Combine(site, "demo", "sub", "mod.py")}", run.Stderr);
        Assert.DoesNotContain("could not create", run.Stderr);
        Assert.Equal(before, Snapshot(tree.Path));

        // pip lists compiled files in RECORD without a hash.
        var record = RecordFile.Read(Path.Combine(site, "demo-1.0.dist-info", "RECORD"));
        var row = Assert.Single(record.Rows, r => r.Path == $"demo/sub/__pycache__/mod.{info.CacheTag}.pyc");
        Assert.Null(row.Hash);
        Assert.Null(row.Size);
    }

    [SkippableFact]
    public void AnOverlayIsCompiledOnceAndSharedByEveryTreeUsingTheEntry()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var demo = t.Package(TestWheels.Demo());
        var other = t.Package(TestWheels.Other());
        var first = Build(t, python, demo, other);
        var second = Build(t, python, demo, other with { Requested = false });
        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(2, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM overlays"));
        Assert.Equal(4, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM tree_overlays"));
        var info = TreeTestStore.Python(python);
        var rel = Path.Combine(info.SitePackagesRelative, "demo", "__pycache__", $"__init__.{info.CacheTag}.pyc");
        Assert.Equal(Inode(Path.Combine(first.Path, rel)), Inode(Path.Combine(second.Path, rel)));

        // Without compiling, there is no bytecode and another key.
        var plain = t.Build(python, demo, other);
        Assert.NotEqual(first.Key, plain.Key);
        Assert.Empty(Directory.GetDirectories(plain.Path, "__pycache__", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public void A_published_overlay_lists_the_files_its_directory_holds()
    {
        // Trees take an overlay's file list from the catalog, not from walking its directory: both must agree.
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var demo = t.Package(WithPython2File());
        Build(t, python, demo);
        // overlays/<entry sha256>-<tag>
        var tag = Path.GetFileName(Directory.GetDirectories(Path.Combine(t.StoreRoot, "overlays")).Single())[(demo.Entry.ArtifactSha256.Length + 1)..];

        var overlay = t.Store.Overlays.Find(demo.Entry.ArtifactSha256, tag)!;

        var walked = Directory.EnumerateFiles(overlay.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(overlay.Path, f)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(walked);
        Assert.Equal(walked, overlay.Files);
    }

    private static string Inode(string path) => TreeTestStore.Run("stat", ["-c", "%d:%i", path]).Stdout.Trim();

    [SkippableFact]
    public void EveryInterpreterWithHashBasedPycsLoadsItsOverlay()
    {
        var pythons = TestPythons.All.Where(p => TreeTestStore.Python(p) is { Major: 3, Minor: >= 7 }).ToList();
        Skip.If(pythons.Count == 0, "no Python 3.7+ on this machine");
        using var t = new TreeTestStore();
        var demo = t.Package(WithPython2File());
        foreach (var python in pythons)
        {
            var tree = Build(t, python, demo);
            var info = TreeTestStore.Python(python);
            var site = Path.Combine(tree.Path, info.SitePackagesRelative);
            var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"), ["-v", "-c", "import demo.sub.mod"]);
            Assert.True(run.ExitCode == 0, python + ": " + run.Stderr);
            Assert.Contains($"mod.{info.CacheTag}.pyc matches {Path.Combine(site, "demo", "sub", "mod.py")}", run.Stderr);
        }
        Assert.Equal(pythons.Select(p => TreeTestStore.Python(p).MagicNumberHex).Distinct().Count(),
            CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM overlays"));
    }
}
