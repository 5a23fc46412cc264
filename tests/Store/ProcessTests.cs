using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class ProcessTests : IClassFixture<ChildImporter>, IDisposable
{
    private readonly ChildImporter _child;
    private readonly TempDir _temp = new("envtool-processes");

    public ProcessTests(ChildImporter child)
    {
        _child = child;
    }

    public void Dispose() => _temp.Dispose();

    private (string Dir, string Sha256, long Size, TestArtifact Artifact) MakeArtifact(int files)
    {
        var artifact = new TestArtifact("multi");
        var dir = _temp.Sub("artifact");
        for (var i = 0; i < files; i++)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"module {i}\n" + new string('#', i * 37));
            artifact.Add($"pkg/m{i:D3}.py", bytes);
            Directory.CreateDirectory(Path.Combine(dir, "pkg"));
            File.WriteAllBytes(Path.Combine(dir, "pkg", $"m{i:D3}.py"), bytes);
        }
        var descriptor = artifact.Describe(_temp.Path, retain: false);
        return (dir, descriptor.Sha256, descriptor.Size, artifact);
    }

    [Fact]
    public void Processes_importing_the_same_artifact_at_once_publish_it_once()
    {
        var root = _temp.Sub("store");
        var (dir, sha, size, _) = MakeArtifact(200);
        var children = Enumerable.Range(0, 3).Select(_ => _child.Start(root, "import", dir, sha, size)).ToList();
        try
        {
            foreach (var c in children) c.StandardInput.WriteLine("go");
            var results = children.Select(c => c.StandardOutput.ReadLine() ?? c.StandardError.ReadToEnd()).ToList();

            var parsed = results.Select(r => r.Split(' ')).ToList();
            Assert.All(parsed, p => Assert.Equal("done", p[0]));
            Assert.Equal(200, parsed.Sum(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))); // one process read the files
            Assert.Single(parsed.Select(p => p[2]).Distinct());
            Assert.Equal(1, CatalogQuery.Scalar(root, "SELECT count(*) FROM entries"));
            Assert.Equal(200, Directory.GetFiles(Path.Combine(root, "entries", sha), "*", SearchOption.AllDirectories).Length);
        }
        finally
        {
            foreach (var c in children)
            {
                if (!c.WaitForExit(TimeSpan.FromSeconds(60))) c.Kill(entireProcessTree: true);
                c.Dispose();
            }
        }
    }

    [Fact]
    public void A_process_killed_mid_import_leaves_no_entry_and_the_next_open_sweeps_its_staging()
    {
        var root = _temp.Sub("store");
        var (dir, sha, size, artifact) = MakeArtifact(20);
        using (var child = _child.Start(root, "hang", dir, sha, size))
        {
            child.StandardInput.WriteLine("go");
            Assert.Equal("hanging", child.StandardOutput.ReadLine());
            child.Kill(); // SIGKILL: no cleanup code runs
            child.WaitForExit();
        }
        var staging = Assert.Single(Directory.GetDirectories(Path.Combine(root, "tmp")));
        Assert.True(Directory.GetFiles(staging, "*.py", SearchOption.AllDirectories).Length >= 19);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root, "entries")));

        using var store = ContentStore.Open(root);

        Assert.False(Directory.Exists(staging));
        Assert.Null(store.FindEntry(sha));
        var descriptor = new EnvTool.Store.Artifacts.ArtifactDescriptor(sha, size, "multi.zip", "multi", "1.0", [], null);
        var entry = store.Import(descriptor, artifact); // the dead process's artifact lock does not block us
        Assert.Equal(20, entry.FileCount);
        Assert.True(store.Verify(new EnvTool.Store.Verify.VerifyOptions { OrphanGrace = TimeSpan.Zero }).IsClean);
    }
}
