using System.Text;
using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Index;

/// <summary>The package index against real HTTP servers on loopback.</summary>
public sealed class PackageIndexHttpTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-index");
    private readonly List<IDisposable> _owned = [];

    private string CacheDir => _temp.Sub("cache", "http");

    private SimpleRepository Repository(string name = "repo") => new(Directory.CreateDirectory(_temp.Sub(name)).FullName);

    private LoopbackIndexServer Serve(SimpleRepository repository, LoopbackIndexServer.Options? options = null) =>
        Own(new LoopbackIndexServer(repository.Root, options));

    private PackageIndex Index(IndexOptions options, string? netrc = null) =>
        Own(new PackageIndex(options, CacheDir, netrc ?? _temp.Sub("no-netrc")));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
        _temp.Dispose();
    }

    private static string Describe(DistributionFile f) =>
        $"{f.FileName} {f.Url} sha256={f.Sha256} rp={f.RequiresPython} yanked={f.YankedReason ?? "<no>"} " +
        $"meta={f.HasCoreMetadata}:{string.Join(",", f.CoreMetadataHashes.Select(h => h.Key + "=" + h.Value))}";

    [SkippableFact]
    public async Task Html_and_json_pages_describe_the_same_files()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("Demo_Pkg", "1.0"), new() { RequiresPython = ">=3.8,<4", Yanked = "broken build" });
        repo.Add(new WheelBuilder("Demo_Pkg", "2.0"), new() { CoreMetadata = false });
        var jsonServer = Serve(repo);
        var htmlServer = Serve(repo, new() { Json = false });

        var fromJson = await Index(new() { IndexUrl = jsonServer.SimpleUrl }).GetProjectAsync("demo-pkg");
        var fromHtml = await Index(new() { IndexUrl = htmlServer.SimpleUrl, }).GetProjectAsync("demo-pkg");

        Assert.True(JsonAccepted(jsonServer));
        Assert.Equal(2, fromJson.Files.Count);
        Assert.Equal(
            fromJson.Files.Select(f => Describe(f).Replace(jsonServer.Url, "ROOT/")),
            fromHtml.Files.Select(f => Describe(f).Replace(htmlServer.Url, "ROOT/")));
        // Only JSON carries sizes, upload times and the PEP 700 version list.
        Assert.NotNull(fromJson.Files[0].Size);
        Assert.NotNull(fromJson.Files[0].UploadTime);
        Assert.Equal(["1.0", "2.0"], fromJson.Versions);
        Assert.Empty(fromHtml.Versions);
    }

    private static bool JsonAccepted(LoopbackIndexServer server) =>
        server.Requests().Any(r => r.Path == "/simple/demo-pkg/" && r.Accept!.Contains("application/vnd.pypi.simple.v1+json"));

    [SkippableFact]
    public async Task Yanked_and_requires_python_come_through_unescaped()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"), new() { RequiresPython = ">=3.8, <4, !=3.9.*", Yanked = "" });
        repo.Add(new WheelBuilder("demo", "1.1"), new() { Yanked = "use 1.2 <really>" });
        repo.Add(new WheelBuilder("demo", "1.2"));
        var server = Serve(repo, new() { Json = false });

        var page = await Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo");

        Assert.Equal(">=3.8, <4, !=3.9.*", page.Files[0].RequiresPython);
        Assert.Equal("", page.Files[0].YankedReason);
        Assert.True(page.Files[0].IsYanked);
        Assert.Equal("use 1.2 <really>", page.Files[1].YankedReason);
        Assert.False(page.Files[2].IsYanked);
        Assert.Null(page.Files[2].RequiresPython);
    }

    [SkippableFact]
    public async Task Core_metadata_comes_from_the_pep658_file_without_downloading_the_wheel()
    {
        var repo = Repository();
        var wheel = repo.Add(new WheelBuilder("demo", "1.0").MetadataHeader("Requires-Dist: idna"));
        var server = Serve(repo);
        var index = Index(new() { IndexUrl = server.SimpleUrl });

        var file = (await index.GetProjectAsync("demo")).Files.Single();
        var metadata = await index.GetCoreMetadataAsync(file);

        Assert.Equal(wheel.Metadata, metadata);
        Assert.Contains("Requires-Dist: idna", Encoding.UTF8.GetString(metadata));
        Assert.Single(server.RequestsFor($"/files/{wheel.Wheel.FileName}.metadata"));
        Assert.Empty(server.RequestsFor($"/files/{wheel.Wheel.FileName}"));
    }

    [SkippableFact]
    public async Task Core_metadata_without_pep658_is_read_from_the_downloaded_wheel()
    {
        var repo = Repository();
        var wheel = repo.Add(new WheelBuilder("demo", "1.0").MetadataHeader("Requires-Dist: six"), new() { CoreMetadata = false });
        var server = Serve(repo, new() { Json = false });
        var index = Index(new() { IndexUrl = server.SimpleUrl });

        var file = (await index.GetProjectAsync("demo")).Files.Single();
        Assert.False(file.HasCoreMetadata);
        var metadata = await index.GetCoreMetadataAsync(file);

        Assert.Equal(wheel.Metadata, metadata);
        Assert.Single(server.RequestsFor($"/files/{wheel.Wheel.FileName}"));
        Assert.Empty(server.RequestsFor($"/files/{wheel.Wheel.FileName}.metadata"));
    }

    [SkippableFact]
    public async Task A_metadata_file_that_does_not_match_its_advertised_hash_is_refused()
    {
        var repo = Repository();
        var wrong = new string('a', 64);
        var wheel = repo.Add(new WheelBuilder("demo", "1.0"), new() { WrongMetadataSha256 = wrong, OldMetadataName = true });
        var server = Serve(repo);
        var index = Index(new() { IndexUrl = server.SimpleUrl });

        var file = (await index.GetProjectAsync("demo")).Files.Single();
        Assert.True(file.HasCoreMetadata); // read from the pre-PEP 714 name
        var error = await Assert.ThrowsAsync<HashMismatchException>(() => index.GetCoreMetadataAsync(file));

        Assert.Contains($"{wheel.Wheel.FileName}.metadata", error.Message);
        Assert.Contains($"expected sha256:{wrong}", error.Message);
        Assert.Contains($"got sha256:{wheel.MetadataSha256}", error.Message);
    }

    [SkippableFact]
    public async Task The_first_index_that_knows_a_project_is_the_only_one_it_comes_from()
    {
        var primaryRepo = Repository("primary");
        primaryRepo.Add(new WheelBuilder("shared", "9.0"));   // the "public" impostor
        primaryRepo.Add(new WheelBuilder("onlyprimary", "1.0"));
        var extraRepo = Repository("extra");
        extraRepo.Add(new WheelBuilder("shared", "1.0"));     // the private original
        var primary = Serve(primaryRepo);
        var extra = Serve(extraRepo);
        var index = Index(new() { IndexUrl = primary.SimpleUrl, ExtraIndexUrls = [extra.SimpleUrl] });

        var shared = await index.GetProjectAsync("shared");
        var onlyPrimary = await index.GetProjectAsync("onlyprimary");

        // Extra indexes are consulted first (uv's order); the project is taken from the extra index only.
        Assert.Equal(["shared-1.0-py3-none-any.whl"], shared.Files.Select(f => f.FileName));
        Assert.StartsWith(extra.Url, shared.Files[0].Url.AbsoluteUri);
        Assert.Equal(extra.SimpleUrl, shared.Files[0].Source);
        Assert.Empty(primary.RequestsFor("/simple/shared/"));
        // A project the extra index does not know (404) falls through to the primary index.
        Assert.Equal(["onlyprimary-1.0-py3-none-any.whl"], onlyPrimary.Files.Select(f => f.FileName));
        Assert.Equal(404, extra.RequestsFor("/simple/onlyprimary/").Single().Status);
        Assert.Equal([extra.SimpleUrl, primary.SimpleUrl], index.IndexUrls);
    }

    [SkippableFact]
    public async Task Find_links_files_are_merged_with_the_index_files()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo);
        var links = Directory.CreateDirectory(_temp.Sub("links")).FullName;
        new WheelBuilder("demo", "2.0").WriteTo(links);
        new WheelBuilder("other", "1.0").WriteTo(links);
        File.WriteAllText(Path.Combine(links, "demo-3.0.tar.gz"), "not really an sdist");
        File.WriteAllText(Path.Combine(links, "demo-extra-1.0.tar.gz"), "another project's sdist");
        File.WriteAllText(Path.Combine(links, "README.txt"), "not a distribution");
        var index = Index(new() { IndexUrl = server.SimpleUrl, FindLinks = [links] });

        var page = await index.GetProjectAsync("demo");

        Assert.Equal(["demo-2.0-py3-none-any.whl", "demo-3.0.tar.gz", "demo-1.0-py3-none-any.whl"], page.Files.Select(f => f.FileName));
        Assert.Equal("file", page.Files[0].Url.Scheme);
        Assert.Equal(links, page.Files[0].Source);
        await using var local = await index.OpenAsync(page.Files[0]);
        Assert.Equal(new FileInfo(Path.Combine(links, "demo-2.0-py3-none-any.whl")).Length, page.Files[0].Size);
        Assert.Equal(0x50, local.ReadByte()); // 'P' of the zip signature
    }

    [SkippableFact]
    public async Task An_http_find_links_page_lists_files_of_every_project()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        repo.Add(new WheelBuilder("other", "1.0"));
        File.WriteAllText(Path.Combine(repo.Root, "links.html"),
            "<html><body><a href='files/demo-1.0-py3-none-any.whl'>demo</a> <a href='files/other-1.0-py3-none-any.whl'>other</a></body></html>");
        var server = Serve(repo);
        var index = Index(new() { NoIndex = true, FindLinks = [server.Url + "links.html"] });

        var demo = await index.GetProjectAsync("demo");
        var other = await index.GetProjectAsync("other");

        Assert.Equal($"{server.Url}files/demo-1.0-py3-none-any.whl", demo.Files.Single().Url.AbsoluteUri);
        Assert.Single(other.Files);
        Assert.Single(server.RequestsFor("/links.html")); // read once, filtered per project
        Assert.Empty(server.RequestsFor("/simple/demo/"));
    }

    [SkippableFact]
    public async Task Netrc_credentials_are_sent_as_basic_auth()
    {
        var repo = Repository();
        var wheel = repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo, new() { Auth = "alice:s3cret" });
        var netrc = _temp.Sub("netrc");
        File.WriteAllText(netrc, "machine example.invalid login bob password nope\n\nmachine 127.0.0.1\n  login alice\n  password s3cret\n");
        var index = Index(new() { IndexUrl = server.SimpleUrl }, netrc);

        var file = (await index.GetProjectAsync("demo")).Files.Single();
        await using (var stream = DownloadVerifier.For(await index.OpenAsync(file), file))
            await stream.CopyToAsync(Stream.Null);

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
        Assert.All(server.Requests(), r => Assert.Equal(expected, r.Authorization));
        Assert.All(server.Requests(), r => Assert.Equal(200, r.Status));
        Assert.Equal(2, server.Requests().Count);
        Assert.Contains(server.Requests(), r => r.Path.EndsWith(wheel.Wheel.FileName, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Credentials_in_the_index_url_are_used_for_its_files_and_never_shown()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo, new() { Auth = "alice:s3cret" });
        var good = server.SimpleUrl.Replace("http://", "http://alice:s3cret@");
        var bad = server.SimpleUrl.Replace("http://", "http://alice:wrong-pass@");

        var index = Index(new() { IndexUrl = good });
        var file = (await index.GetProjectAsync("demo")).Files.Single();
        Assert.DoesNotContain("s3cret", file.Url.AbsoluteUri);
        Assert.DoesNotContain("s3cret", file.Source);
        await using (var stream = await index.OpenAsync(file)) await stream.CopyToAsync(Stream.Null);
        Assert.All(server.Requests(), r => Assert.Equal(200, r.Status));

        var error = await Assert.ThrowsAsync<IndexHttpException>(() => Index(new() { IndexUrl = bad }).GetProjectAsync("other"));
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong-pass", error.Message);
        Assert.DoesNotContain("alice", error.Message);
        Assert.Contains("http://***@127.0.0.1", error.Message);
        Assert.Contains("netrc", error.Hint);
    }

    [SkippableFact]
    public async Task A_second_fetch_revalidates_with_the_etag_and_reuses_the_cached_page()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo);

        var first = await Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo");
        var second = await Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo");

        Assert.Equal(first.Files.Select(Describe), second.Files.Select(Describe));
        Assert.Equal([200, 304], server.RequestsFor("/simple/demo/").Select(r => r.Status));
        Assert.NotEmpty(Directory.EnumerateFiles(CacheDir, "*.body", SearchOption.AllDirectories));
    }

    [SkippableFact]
    public async Task A_fresh_max_age_response_is_used_without_a_request()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo, new() { CacheControl = "max-age=600" });

        await Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo");
        var again = await Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo");

        Assert.Single(again.Files);
        Assert.Single(server.RequestsFor("/simple/demo/"));
    }

    [SkippableFact]
    public async Task No_cache_and_no_store_responses_are_always_asked_for_again()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var noCache = Serve(repo, new() { CacheControl = "no-cache, max-age=600" });
        var noStore = Serve(repo, new() { CacheControl = "no-store" });

        for (var i = 0; i < 2; i++)
        {
            await Index(new() { IndexUrl = noCache.SimpleUrl }).GetProjectAsync("demo");
            await Index(new() { IndexUrl = noStore.SimpleUrl }).GetProjectAsync("demo");
        }

        Assert.Equal([200, 304], noCache.RequestsFor("/simple/demo/").Select(r => r.Status));
        Assert.Equal([200, 200], noStore.RequestsFor("/simple/demo/").Select(r => r.Status));
    }

    [SkippableFact]
    public async Task Offline_uses_the_cache_and_names_what_is_missing()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        repo.Add(new WheelBuilder("uncached", "1.0"));
        var server = Serve(repo);
        var online = Index(new() { IndexUrl = server.SimpleUrl });
        var onlineFile = (await online.GetProjectAsync("demo")).Files.Single();
        await online.GetCoreMetadataAsync(onlineFile);
        var before = server.Requests().Count;

        var offline = Index(new() { IndexUrl = server.SimpleUrl, Offline = true });
        var page = await offline.GetProjectAsync("demo");
        var metadata = await offline.GetCoreMetadataAsync(page.Files.Single());
        var miss = await Assert.ThrowsAsync<OfflineCacheMissException>(() => offline.GetProjectAsync("uncached"));
        var download = await Assert.ThrowsAsync<OfflineCacheMissException>(() => offline.OpenAsync(page.Files.Single()));

        Assert.Equal(before, server.Requests().Count);
        Assert.Single(page.Files);
        Assert.NotEmpty(metadata);
        Assert.Contains($"project page {server.SimpleUrl}uncached/ is not cached", miss.Message);
        Assert.Contains("without --offline", miss.Hint);
        Assert.Contains("demo-1.0-py3-none-any.whl", download.Message);
    }

    [SkippableFact]
    public async Task A_server_error_names_the_status_and_the_url()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        var server = Serve(repo, new() { Fail = new Dictionary<string, int> { ["/simple/demo/"] = 500 } });

        var error = await Assert.ThrowsAsync<IndexHttpException>(() => Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo"));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal($"{server.SimpleUrl}demo/ answered HTTP 500 Internal Server Error", error.Message);
        Assert.Contains("--offline", error.Hint);
    }

    [SkippableFact]
    public async Task A_failing_earlier_index_stops_the_lookup_instead_of_falling_through()
    {
        var extraRepo = Repository("extra");
        var primaryRepo = Repository("primary");
        primaryRepo.Add(new WheelBuilder("demo", "1.0"));
        var extra = Serve(extraRepo, new() { Fail = new Dictionary<string, int> { ["/simple/demo/"] = 503 } });
        var primary = Serve(primaryRepo);

        await Assert.ThrowsAsync<IndexHttpException>(() =>
            Index(new() { IndexUrl = primary.SimpleUrl, ExtraIndexUrls = [extra.SimpleUrl] }).GetProjectAsync("demo"));
        Assert.Empty(primary.Requests());
    }

    [SkippableFact]
    public async Task An_unknown_project_is_an_empty_page()
    {
        var server = Serve(Repository());

        // Without the trailing slash too: the project page is still {index}/{name}/.
        var page = await Index(new() { IndexUrl = server.SimpleUrl.TrimEnd('/') }).GetProjectAsync("Nobody_Has.This");

        Assert.Equal("nobody-has-this", page.NormalizedName);
        Assert.Empty(page.Files);
        Assert.Equal(404, server.RequestsFor("/simple/nobody-has-this/").Single().Status);
    }

    [SkippableFact]
    public async Task A_malformed_json_page_is_named_with_the_problem()
    {
        var repo = Repository();
        repo.Add(new WheelBuilder("demo", "1.0"));
        File.WriteAllText(Path.Combine(repo.Root, "simple", "demo", "index.json"),
            """{"meta": {"api-version": "1.0"}, "name": "demo", "files": [{"filename": "demo-1.0-py3-none-any.whl", "url": "x.whl", "hashes": {}, "yanked": 3}]}""");
        var broken = Repository("broken");
        Directory.CreateDirectory(Path.Combine(broken.Root, "simple", "demo"));
        File.WriteAllText(Path.Combine(broken.Root, "simple", "demo", "index.json"), """{"meta": {"api-version": "1.0"}, "files": [""");
        File.WriteAllText(Path.Combine(broken.Root, "simple", "demo", "index.html"), "unused");
        var server = Serve(repo);
        var brokenServer = Serve(broken);

        var wrongType = await Assert.ThrowsAsync<MalformedIndexPageException>(() => Index(new() { IndexUrl = server.SimpleUrl }).GetProjectAsync("demo"));
        var truncated = await Assert.ThrowsAsync<MalformedIndexPageException>(() => Index(new() { IndexUrl = brokenServer.SimpleUrl }).GetProjectAsync("demo"));

        Assert.Equal($"malformed index page {server.SimpleUrl}demo/: $.files[0]: 'yanked' must be a boolean or a string, not number", wrongType.Message);
        Assert.StartsWith($"malformed index page {brokenServer.SimpleUrl}demo/: invalid JSON", truncated.Message);
    }

    [SkippableFact]
    public async Task An_unreachable_index_is_named_with_a_hint()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var url = $"http://user:hunter2@127.0.0.1:{port}/simple/";

        var error = await Assert.ThrowsAsync<IndexUnreachableException>(() => Index(new() { IndexUrl = url }).GetProjectAsync("demo"));

        Assert.StartsWith($"cannot reach http://***@127.0.0.1:{port}/simple/demo/: ", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Contains("--offline", error.Hint);
        Assert.Contains("--index-url", error.Hint);
    }

    [SkippableFact]
    public async Task Downloads_stream_and_are_verified_against_the_index_hash()
    {
        var repo = Repository();
        var wheel = repo.Add(new WheelBuilder("demo", "1.0").File("demo/big.bin", new byte[300_000]));
        var server = Serve(repo);
        var index = Index(new() { IndexUrl = server.SimpleUrl });
        var file = (await index.GetProjectAsync("demo")).Files.Single();
        var progress = new List<long>();

        await using (var stream = DownloadVerifier.For(await index.OpenAsync(file), file, progress.Add))
        {
            await stream.CopyToAsync(Stream.Null);
            Assert.Equal(wheel.Sha256, stream.ActualSha256);
        }
        Assert.Equal(wheel.Bytes.Length, progress[^1]);

        var tampered = file with { Hashes = new Dictionary<string, string> { ["sha256"] = new string('0', 64) } };
        var error = await Assert.ThrowsAsync<HashMismatchException>(async () =>
        {
            await using var stream = DownloadVerifier.For(await index.OpenAsync(tampered), tampered);
            await stream.CopyToAsync(Stream.Null);
        });
        Assert.Contains(wheel.Wheel.FileName, error.Message);
        Assert.Contains($"expected sha256:{new string('0', 64)}, got sha256:{wheel.Sha256}", error.Message);
    }

    [SkippableFact]
    public async Task Concurrent_callers_share_one_client()
    {
        var repo = Repository();
        for (var i = 0; i < 8; i++) repo.Add(new WheelBuilder($"pkg{i}", "1.0"));
        var server = Serve(repo);
        var index = Index(new() { IndexUrl = server.SimpleUrl });

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => Enumerable.Range(0, 8))
            .Select(i => index.GetProjectAsync($"pkg{i}")));
        var metadata = await Task.WhenAll(pages.Take(8).Select(p => index.GetCoreMetadataAsync(p.Files.Single())));

        Assert.All(pages, p => Assert.Single(p.Files));
        Assert.Equal(8, server.Requests().Count(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)));
        Assert.All(metadata, m => Assert.StartsWith("Metadata-Version", Encoding.UTF8.GetString(m)));
    }
}
