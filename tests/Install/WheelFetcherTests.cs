using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Install;
using EnvTool.Store;
using EnvTool.Tests.Index;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Install;

/// <summary>WheelFetcher against a real HTTP index: store first, parallel verified downloads, nothing imported unless all verify.</summary>
public sealed class WheelFetcherTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-fetch");
    private readonly SimpleRepository _repository;
    private readonly ContentStore _store;

    public WheelFetcherTests()
    {
        _repository = new SimpleRepository(_dir.Sub("repo"));
        _store = ContentStore.Open(_dir.Sub("store"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private SimpleRepository.Published Publish(string name, string version) =>
        _repository.Add(new WheelBuilder(name, version).File($"{name}/__init__.py", $"__version__ = \"{version}\"\n"));

    private static async Task<List<WantedWheel>> Wanted(PackageIndex index, params string[] names)
    {
        var wanted = new List<WantedWheel>();
        foreach (var name in names)
        {
            var file = (await index.GetProjectAsync(name)).Files.Single();
            wanted.Add(new WantedWheel(name, "1.0", file));
        }
        return wanted;
    }

    [SkippableFact]
    public async Task An_artifact_already_in_the_store_is_not_downloaded_and_the_others_are_fetched_once_each()
    {
        var stored = Publish("stored", "1.0");
        var names = Enumerable.Range(0, 12).Select(i => $"pkg{i}").ToArray();
        foreach (var name in names) Publish(name, "1.0");
        using var server = new LoopbackIndexServer(_repository.Root);
        using var index = new PackageIndex(new IndexOptions { IndexUrl = server.SimpleUrl }, _dir.Sub("cache"));
        var local = Path.Combine(_dir.Sub("repo"), "files", stored.Wheel.FileName);
        new WheelImporter(_store).Import(local);

        var result = await new WheelFetcher(_store, index, parallelDownloads: 4).FetchAsync(await Wanted(index, ["stored", .. names]), null, CancellationToken.None);

        Assert.False(result[0].Downloaded);
        Assert.Equal(stored.Sha256, result[0].Sha256);
        Assert.All(result.Skip(1), r => Assert.True(r.Downloaded));
        Assert.All(result, r => Assert.Equal(r.Sha256, r.Entry.ArtifactSha256));
        Assert.Empty(server.RequestsFor($"/files/{stored.Wheel.FileName}"));
        Assert.All(names, n => Assert.Single(server.RequestsFor($"/files/{n}-1.0-py3-none-any.whl")));
        Assert.Equal(13, _store.ListArtifacts().Count);
        // The downloads went through tmp/ and are gone.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_store.Root, "tmp")));
    }

    [SkippableFact]
    public async Task One_file_that_does_not_match_its_hash_means_none_is_imported()
    {
        Publish("good", "1.0");
        var bad = Publish("bad", "1.0");
        // The server now serves other bytes of the same size than the page's sha256 promises.
        var tampered = new WheelBuilder("bad", "1.0").File("bad/__init__.py", "__version__ = \"1.1\"\n").ToBytes();
        Assert.Equal(bad.Bytes.Length, tampered.Length);
        File.WriteAllBytes(Path.Combine(_dir.Sub("repo"), "files", bad.Wheel.FileName), tampered);
        using var server = new LoopbackIndexServer(_repository.Root);
        using var index = new PackageIndex(new IndexOptions { IndexUrl = server.SimpleUrl }, _dir.Sub("cache"));

        var e = await Assert.ThrowsAsync<HashMismatchException>(async () =>
            await new WheelFetcher(_store, index).FetchAsync(await Wanted(index, "good", "bad"), null, CancellationToken.None));
        Assert.Equal(bad.Wheel.FileName, e.FileName);
        Assert.Equal($"sha256:{bad.Sha256}", e.Expected);
        Assert.Empty(_store.ListArtifacts());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_store.Root, "tmp")));
    }
}
