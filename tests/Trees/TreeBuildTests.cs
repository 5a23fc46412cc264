using System.Text.Json;
using EnvTool.Environments.Trees;
using EnvTool.Store.Trees;
using EnvTool.Tests.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>What a built tree holds and how builds are shared, refused and undone.</summary>
public class TreeBuildTests
{
    [SkippableFact]
    public void MetadataListsPackagesInstalledByEnvtoolWithRequestedOnlyForRequested()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        const string directUrl = "{\"url\": \"file:///somewhere/demo-1.0-py3-none-any.whl\", \"archive_info\": {}}";
        var tree = t.Build(python, t.Package(TestWheels.Demo(), requested: true, directUrl), t.Package(TestWheels.Other(), requested: false));

        var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"), ["-c", """
            import json, importlib.metadata as m
            print(json.dumps(sorted([d.metadata['Name'], d.version, d.read_text('INSTALLER'), d.read_text('REQUESTED') is not None,
                                     d.read_text('direct_url.json')] for d in m.distributions())))
            """]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var dists = JsonDocument.Parse(run.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, dists.Count);
        Assert.Equal(["demo", "1.0", "envtool\n"], dists[0].EnumerateArray().Take(3).Select(e => e.GetString()));
        Assert.True(dists[0][3].GetBoolean());
        Assert.Equal(directUrl, dists[0][4].GetString());
        Assert.Equal(["other", "2.0", "envtool\n"], dists[1].EnumerateArray().Take(3).Select(e => e.GetString()));
        Assert.False(dists[1][3].GetBoolean());
        Assert.Equal(JsonValueKind.Null, dists[1][4].ValueKind);

        var packages = t.Builder.Packages(tree.Key);
        Assert.Equal(["demo 1.0 True", "other 2.0 False"], packages.Select(p => $"{p.Name} {p.Version} {p.Requested}"));
        Assert.Equal(directUrl, packages[0].DirectUrlJson);
        Assert.Null(packages[1].DirectUrlJson);
    }

    [SkippableFact]
    public void RecordDescribesTheInstalledFilesWithHashesThatMatch()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var tree = t.Build(python, t.Package(TestWheels.Demo()));
        var site = Path.Combine(tree.Path, TreeTestStore.Python(python).SitePackagesRelative);
        var record = EnvTool.Standards.Metadata.RecordFile.Read(Path.Combine(site, "demo-1.0.dist-info", "RECORD"));
        Assert.Contains(record.Rows, r => r.Path == "../../../bin/demo-cli");
        Assert.Contains(record.Rows, r => r.Path == "demo-1.0.dist-info/RECORD" && r.Hash is null && r.Size is null);
        foreach (var row in record.Rows.Where(r => r.Hash is not null))
        {
            var bytes = File.ReadAllBytes(Path.GetFullPath(Path.Combine(site, row.Path)));
            Assert.Equal(EnvTool.Standards.Metadata.RecordHash.Sha256Of(bytes), row.Hash);
            Assert.Equal(bytes.Length, row.Size);
        }
        // Everything on disk that belongs to the package is listed (the skeleton is not the package's).
        var listed = record.Rows.Select(r => Path.GetFullPath(Path.Combine(site, r.Path))).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(site, "demo"), "*", SearchOption.AllDirectories))
            Assert.Contains(file, listed);
    }

    [SkippableFact]
    public void ScriptsRunThroughAnEnvironmentSymlinkAndSeeItAsPrefix()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var tree = t.Build(python, t.Package(TestWheels.Demo()), t.Package(TestWheels.Other()));
        var env = t.Dir.Sub("project", ".venv");
        Directory.CreateDirectory(Path.GetDirectoryName(env)!);
        File.CreateSymbolicLink(env, tree.Path);

        var cli = TreeTestStore.Run(Path.Combine(env, "bin", "demo-cli"), []);
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Equal($"demo main {env}\n", cli.Stdout);
        Assert.Equal("demo main " + env + "\n", TreeTestStore.Run(Path.Combine(env, "bin", "demo-gui"), []).Stdout);
        Assert.Equal("tool demo\n", TreeTestStore.Run(Path.Combine(env, "bin", "demo-tool"), []).Stdout);
        Assert.Equal("plain\n", TreeTestStore.Run(Path.Combine(env, "bin", "plain.sh"), []).Stdout);
        Assert.Equal("other ran\n", TreeTestStore.Run(Path.Combine(env, "bin", "other"), []).Stdout);

        // Nothing in the tree names where it lives: no file mentions the store.
        foreach (var file in Directory.GetFiles(tree.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
            Assert.DoesNotContain(t.StoreRoot, File.ReadAllText(file));
    }

    [SkippableFact]
    public void SameSpecReusesTheTreeAndADifferentRequestedSetGetsAnotherKey()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var demo = t.Package(TestWheels.Demo());
        var other = t.Package(TestWheels.Other(), requested: false);
        var first = t.Build(python, demo, other);
        Assert.False(first.Reused);
        var inode = new FileInfo(Path.Combine(first.Path, "pyvenv.cfg")).LastWriteTimeUtc;

        var second = t.Build(python, other, demo); // order does not matter
        Assert.True(second.Reused);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(inode, new FileInfo(Path.Combine(second.Path, "pyvenv.cfg")).LastWriteTimeUtc);

        var third = t.Build(python, demo, other with { Requested = true });
        Assert.NotEqual(first.Key, third.Key);
        Assert.True(File.Exists(Path.Combine(third.Path, TreeTestStore.Python(python).SitePackagesRelative, "other-2.0.dist-info", "REQUESTED")));
        Assert.Equal(2, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
        Assert.Equal(4, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM tree_entries"));
        // Generated files are objects shared by both trees: the same pyvenv.cfg inode.
        Assert.Equal(Inode(Path.Combine(first.Path, "pyvenv.cfg")), Inode(Path.Combine(third.Path, "pyvenv.cfg")));
    }

    private static ulong Inode(string path)
    {
        var run = TreeTestStore.Run("stat", ["-c", "%i", path]);
        return ulong.Parse(run.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public void ConflictingFilesAreRefusedNamingBothPackagesButIdenticalFilesAreShared()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var a = t.Package(new WheelBuilder("alpha", "1.0").File("shared/__init__.py", "").File("shared/util.py", "A = 1\n"));
        var b = t.Package(new WheelBuilder("beta", "2.0").File("shared/__init__.py", "").File("shared/util.py", "B = 2\n"));
        var e = Assert.Throws<TreeConflictException>(() => t.Build(python, a, b));
        Assert.Contains("alpha 1.0", e.Message);
        Assert.Contains("beta 2.0", e.Message);
        Assert.EndsWith("shared/util.py", e.TreePath);
        Assert.Equal(0, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StoreRoot, "trees")));

        // A file against a directory of the same name is a conflict too.
        var c = t.Package(new WheelBuilder("gamma", "1.0").File("shared", "not a directory\n"));
        Assert.Throws<TreeConflictException>(() => t.Build(python, a, c));

        // Only the identical __init__.py overlaps here: allowed.
        var d = t.Package(new WheelBuilder("delta", "1.0").File("shared/__init__.py", "").File("shared/other.py", "D = 4\n"));
        var tree = t.Build(python, a, d);
        var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"), ["-c", "import shared.util, shared.other; print(shared.util.A + shared.other.D)"]);
        Assert.Equal("5\n", run.Stdout);
    }

    [SkippableFact]
    public void TwoVersionsOfOnePackageAreRefused()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var one = t.Package(TestWheels.Demo("1.0"));
        var two = t.Package(TestWheels.Demo("2.0"));
        var e = Assert.Throws<EnvTool.Store.Errors.EnvToolException>(() => t.Build(python, one, two));
        Assert.Contains("demo 1.0", e.Message);
        Assert.Contains("demo 2.0", e.Message);
    }

    [SkippableFact]
    public void AFailureMidwayPublishesNothing()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        var demo = t.Package(TestWheels.Demo());
        var spec = new TreeSpec(TreeTestStore.Python(python), [demo], LinkMode.Hardlink, Compile: false);

        var thrown = Assert.Throws<InvalidOperationException>(() => t.Builder.Build(spec, new ThrowingProgress("link")));
        Assert.Equal("crash in link", thrown.Message);
        using (var cts = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => t.Builder.Build(spec, new CancellingProgress(cts), cts.Token));
        }

        Assert.Equal(0, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
        Assert.Equal(0, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM tree_entries"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StoreRoot, "trees")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(t.StoreRoot, "tmp")));
        // The store lock, and the owner lock of the handle still open (see OwnerLock): nothing of the failed builds.
        Assert.Equal(["owner-", "roots.lock"], Directory.GetFileSystemEntries(Path.Combine(t.StoreRoot, "locks")).Select(Path.GetFileName).Select(n => n!.StartsWith("owner-", StringComparison.Ordinal) ? "owner-" : n).Order(StringComparer.Ordinal));

        // And the next build succeeds from scratch.
        var tree = t.Builder.Build(spec);
        Assert.False(tree.Reused);
        Assert.Equal(1, CatalogQuery.Scalar(t.StoreRoot, "SELECT count(*) FROM trees"));
    }

    private sealed class ThrowingProgress(string phase) : IProgress<TreeProgress>
    {
        public void Report(TreeProgress value)
        {
            if (value.Phase == phase) throw new InvalidOperationException("crash in " + phase);
        }
    }

    private sealed class CancellingProgress(CancellationTokenSource cts) : IProgress<TreeProgress>
    {
        public void Report(TreeProgress value) => cts.Cancel();
    }

    [SkippableFact]
    public void ATreeLargeEnoughToBeBuiltOnSeveralCoresHoldsEveryFileLinkedAndSealed()
    {
        var python = TestPythons.RequireDefault();
        using var t = new TreeTestStore();
        // Three packages, one of them the namespace package two others share, with more files in all
        // than TreeStaging.ParallelFromFiles: their subtrees are filled by different workers.
        TreePackage Wheel(string name, string top, int modules)
        {
            var wheel = new WheelBuilder(name, "1.0");
            for (var i = 0; i < modules; i++) wheel.File($"{top}/sub{i % 7}/deeper{i % 3}/m{i}.py", $"X = {i}\n");
            return t.Package(wheel);
        }
        var packages = new[] { Wheel("alpha", "alpha", 400), Wheel("beta", "shared/beta", 200), Wheel("gamma", "shared/gamma", 200) };
        Assert.True(packages.Sum(p => Directory.GetFiles(p.Entry.Path, "*", SearchOption.AllDirectories).Length) >= TreeStaging.ParallelFromFiles);
        var tree = t.Build(python, packages);

        var site = Path.Combine(tree.Path, TreeTestStore.Python(python).SitePackagesRelative);
        foreach (var package in packages)
            foreach (var entryFile in Directory.GetFiles(package.Entry.Path, "*.py", SearchOption.AllDirectories))
            {
                var treeFile = Path.Combine(site, Path.GetRelativePath(package.Entry.Path, entryFile));
                Assert.True(File.Exists(treeFile), $"{treeFile} is missing");
                Assert.Equal(Stat(entryFile), Stat(treeFile)); // the entry's file itself, hard-linked
            }
        foreach (var dir in Directory.GetDirectories(tree.Path, "*", SearchOption.AllDirectories))
            Assert.True((File.GetUnixFileMode(dir) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0, $"{dir} is writable");
        var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"), ["-c", "import alpha.sub6.deeper2.m398 as a, shared.gamma.sub0.deeper0.m0 as g; print(a.X, g.X)"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("398 0", run.Stdout.Trim());
    }

    private static string Stat(string path) => TreeTestStore.Run("stat", ["-c", "%d:%i", path]).Stdout.Trim();
}
