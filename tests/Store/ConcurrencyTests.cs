using EnvTool.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-concurrent");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Many_threads_importing_one_artifact_unpack_it_once()
    {
        var root = _temp.Sub("store");
        var artifact = new TestArtifact("race");
        for (var i = 0; i < 50; i++) artifact.Add($"race/m{i}.py", $"value = {i}\n");
        var descriptor = artifact.Describe(_temp.Path);
        // Separate stores (separate connections and lock descriptors, as separate processes have) and a shared one.
        var stores = Enumerable.Range(0, 4).Select(_ => ContentStore.Open(root)).ToList();
        try
        {
            using var start = new Barrier(8);
            var results = Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                return stores[i % stores.Count].Import(descriptor, artifact);
            }, TaskCreationOptions.LongRunning)).ToArray();
            var entries = await Task.WhenAll(results);

            Assert.Single(entries.Distinct());
            Assert.Equal(50, artifact.Opens); // every file read exactly once: one importer unpacked
            Assert.Equal(1, CatalogQuery.Scalar(root, "SELECT count(*) FROM entries"));
            Assert.Equal(50, CatalogQuery.Scalar(root, "SELECT count(*) FROM entry_files"));
            Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root, "tmp")));
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }

    [Fact]
    public void Threads_importing_different_artifacts_that_share_files_agree_on_objects()
    {
        var root = _temp.Sub("store");
        var artifacts = Enumerable.Range(0, 6).Select(i =>
        {
            var a = new TestArtifact($"pkg{i}");
            for (var f = 0; f < 20; f++) a.Add($"pkg{i}/shared{f}.txt", $"shared content {f}\n");
            a.Add($"pkg{i}/own.py", $"own = {i}\n");
            return a;
        }).ToList();
        var descriptors = artifacts.Select(a => a.Describe(_temp.Path, retain: false)).ToList();
        using var store = ContentStore.Open(root);

        Parallel.For(0, artifacts.Count, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => store.Import(descriptors[i], artifacts[i]));

        Assert.Equal(6, CatalogQuery.Scalar(root, "SELECT count(*) FROM entries"));
        Assert.Equal(26, CatalogQuery.Scalar(root, "SELECT count(*) FROM objects"));
        Assert.Equal(26, Directory.GetFiles(Path.Combine(root, "objects"), "*", SearchOption.AllDirectories).Length);
        for (var f = 0; f < 20; f++)
        {
            var first = EnvTool.Store.Native.Posix.Stat(Path.Combine(root, "entries", descriptors[0].Sha256, $"pkg0/shared{f}.txt"));
            Assert.Equal(7u, first.LinkCount); // the object plus six entries
        }
    }
}
