using System.Text;
using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Index;

/// <summary>file:// indexes and local find-links (directories and HTML files): no server involved.</summary>
public sealed class LocalSourcesTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-index-local");

    public void Dispose() => _temp.Dispose();

    private PackageIndex Index(IndexOptions options) => new(options, _temp.Sub("cache"), _temp.Sub("no-netrc"));

    [Fact]
    public async Task A_file_index_reads_index_json_or_index_html()
    {
        var repo = new SimpleRepository(Directory.CreateDirectory(_temp.Sub("repo")).FullName);
        var published = repo.Add(new WheelBuilder("demo", "1.0"), new() { Yanked = "old" });
        repo.Add(new WheelBuilder("htmlonly", "1.0"));
        File.Delete(Path.Combine(repo.Root, "simple", "htmlonly", "index.json"));
        using var index = Index(new() { IndexUrl = new Uri(Path.Combine(repo.Root, "simple")).AbsoluteUri });

        var demo = await index.GetProjectAsync("demo");
        var htmlOnly = await index.GetProjectAsync("htmlonly");
        var missing = await index.GetProjectAsync("missing");

        Assert.Equal(new Uri(Path.Combine(repo.Root, "files", published.Wheel.FileName)), demo.Files.Single().Url);
        Assert.Equal("old", demo.Files.Single().YankedReason);
        Assert.Equal(["1.0"], demo.Versions);           // came from index.json
        Assert.Single(htmlOnly.Files);
        Assert.Empty(htmlOnly.Versions);                // came from index.html
        Assert.Empty(missing.Files);
        Assert.Equal(published.Metadata, await index.GetCoreMetadataAsync(demo.Files.Single()));
        Assert.False(Directory.Exists(_temp.Sub("cache"))); // nothing local is cached
    }

    [Fact]
    public async Task Metadata_of_a_local_wheel_without_a_metadata_file_is_read_from_the_wheel()
    {
        var links = Directory.CreateDirectory(_temp.Sub("links")).FullName;
        new WheelBuilder("Demo.Pkg", "1.0").MetadataHeader("Requires-Dist: attrs").WriteTo(links);
        using var index = Index(new() { NoIndex = true, FindLinks = [links] });

        var file = (await index.GetProjectAsync("demo-pkg")).Files.Single();
        var metadata = Encoding.UTF8.GetString(await index.GetCoreMetadataAsync(file));

        Assert.Equal("demo_pkg-1.0-py3-none-any.whl", file.FileName);
        Assert.Contains("Requires-Dist: attrs", metadata);
    }

    [Fact]
    public async Task A_local_find_links_html_file_resolves_links_against_its_location()
    {
        var links = Directory.CreateDirectory(_temp.Sub("links")).FullName;
        Directory.CreateDirectory(Path.Combine(links, "wheels"));
        new WheelBuilder("demo", "1.0").WriteTo(Path.Combine(links, "wheels"));
        var page = Path.Combine(links, "links.html");
        File.WriteAllText(page, "<a href=\"wheels/demo-1.0-py3-none-any.whl\">demo</a><a href=\"https://elsewhere.example/demo-2.0.tar.gz\">remote</a>");
        using var index = Index(new() { NoIndex = true, FindLinks = [page] });

        var files = (await index.GetProjectAsync("demo")).Files;

        Assert.Equal([new Uri(Path.Combine(links, "wheels", "demo-1.0-py3-none-any.whl")), new Uri("https://elsewhere.example/demo-2.0.tar.gz")],
            files.Select(f => f.Url));
        await using var stream = await index.OpenAsync(files[0]);
        Assert.Equal(new FileInfo(files[0].Url.LocalPath).Length, stream.Length);
    }

    [Fact]
    public async Task Bad_sources_are_named()
    {
        var missing = _temp.Sub("does-not-exist");

        var noSuchDir = await Assert.ThrowsAsync<InvalidSourceException>(() => Index(new() { NoIndex = true, FindLinks = [missing] }).GetProjectAsync("demo"));
        var badScheme = Assert.Throws<InvalidSourceException>(() => Index(new() { IndexUrl = "ftp://user:pw@host.example/simple" }));
        var notUrl = Assert.Throws<InvalidSourceException>(() => Index(new() { ExtraIndexUrls = ["simple"] }));

        Assert.Equal($"invalid --find-links '{missing}': no such directory or file", noSuchDir.Message);
        Assert.Equal("invalid --index-url 'ftp://***@host.example/simple': expected an http://, https:// or file:// URL", badScheme.Message);
        Assert.StartsWith("invalid --extra-index-url 'simple'", notUrl.Message);
    }

    [Fact]
    public async Task A_missing_local_file_is_a_clear_error()
    {
        using var index = Index(new() { NoIndex = true });
        var file = new DistributionFile { FileName = "gone-1.0.tar.gz", Url = new Uri(_temp.Sub("gone-1.0.tar.gz")), Source = "test" };

        var error = await Assert.ThrowsAsync<IndexUnreachableException>(() => index.OpenAsync(file));

        Assert.Contains("gone-1.0.tar.gz: no such file", error.Message);
    }

    [Fact]
    public async Task A_broken_wheel_is_refused_when_its_metadata_is_read()
    {
        var links = Directory.CreateDirectory(_temp.Sub("links")).FullName;
        File.WriteAllText(Path.Combine(links, "demo-1.0-py3-none-any.whl"), "not a zip");
        using var index = Index(new() { NoIndex = true, FindLinks = [links] });

        var file = (await index.GetProjectAsync("demo")).Files.Single();

        var error = await Assert.ThrowsAsync<EnvTool.Wheels.InvalidWheelException>(() => index.GetCoreMetadataAsync(file));
        Assert.StartsWith("refusing wheel 'demo-1.0-py3-none-any.whl': is not a readable zip archive", error.Message);
    }
}
