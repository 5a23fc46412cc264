using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Trees;

/// <summary>A tree build that runs out of inodes midway, on a real tmpfs (needs root; skipped otherwise).</summary>
public sealed class TreeDiskFullTests : IDisposable
{
    private readonly SmallTmpfs _disk = new("size=32m,nr_inodes=3000");

    public void Dispose()
    {
        if (_disk.Mounted) TreeSealing.Unseal(_disk.Path);
        _disk.Dispose();
    }

    [SkippableFact]
    public void RunningOutOfInodesWhileLinkingIsAClearErrorAndLeavesTheStoreAsItWas()
    {
        Skip.IfNot(_disk.Mounted, "cannot mount a small tmpfs here (not root?)");
        var python = TestPythons.RequireDefault();
        var root = Path.Combine(_disk.Path, "store");
        using var store = ContentStore.Open(root, new StoreOptions { RetainArtifacts = false });
        // Enough files for the build to spread over workers (TreeStaging.ParallelFromFiles), all with
        // the same bytes (one object, few inodes to import), in 31 directories per package.
        var packages = new[] { "alpha", "beta", "gamma" }.Select(name =>
        {
            var wheel = new WheelBuilder(name, "1.0");
            for (var i = 0; i < 200; i++) wheel.File($"{name}/sub{i % 10}/deeper{i % 3}/m{i}.py", "X = 1\n");
            var import = new WheelImporter(store).Import(wheel.WriteTo(_disk.Scratch));
            return new TreePackage(import.Entry, import.Name, import.Version, true, null);
        }).ToList();
        var spec = new TreeSpec(TreeTestStore.Python(python), packages, LinkMode.Hardlink, Compile: false);

        // Leave the file system 40 free inodes: the tree needs about a hundred directories.
        var filler = Path.Combine(_disk.Path, "filler");
        Directory.CreateDirectory(filler);
        var made = 0;
        try { while (true) File.WriteAllBytes(Path.Combine(filler, (made++).ToString(System.Globalization.CultureInfo.InvariantCulture)), []); }
        catch (IOException) { made--; }
        for (var i = 0; i < 40; i++) File.Delete(Path.Combine(filler, (made - i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var before = StoreSnapshot.Take(root);

        var error = Assert.Throws<StoreDiskFullException>(() => new TreeBuilder(store).Build(spec));
        Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(StoreSnapshot.Take(root));

        // With room again, the same tree builds.
        Directory.Delete(filler, recursive: true);
        var tree = new TreeBuilder(store).Build(spec);
        Assert.True(File.Exists(Path.Combine(tree.Path, TreeTestStore.Python(python).SitePackagesRelative, "gamma", "sub9", "deeper1", "m199.py")));
    }
}
