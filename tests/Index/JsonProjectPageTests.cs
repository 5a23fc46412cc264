using System.Text;
using EnvTool.Index.Errors;
using EnvTool.Index.Json;

namespace EnvTool.Tests.Index;

public sealed class JsonProjectPageTests
{
    private static readonly Uri Page = new("https://index.example/simple/demo/");

    private static JsonProjectPage.Result Parse(string json) => JsonProjectPage.Parse(Encoding.UTF8.GetBytes(json), Page, "src");

    private static MalformedIndexPageException Malformed(string json) =>
        Assert.Throws<MalformedIndexPageException>(() => Parse(json));

    [Fact]
    public void Reads_every_pep691_and_pep700_field()
    {
        var page = Parse("""
            {"meta": {"api-version": "1.1", "_last-serial": 5}, "name": "demo", "versions": ["1.0", "1.1"],
             "files": [
               {"filename": "demo-1.0-py3-none-any.whl", "url": "../../f/demo-1.0-py3-none-any.whl", "hashes": {"SHA256": "ABCD"},
                "requires-python": ">=3.8", "core-metadata": {"sha256": "ee"}, "size": 1234, "upload-time": "2024-01-02T03:04:05.123456Z",
                "yanked": false, "gpg-sig": false, "unknown-future-key": [1, 2]},
               {"filename": "demo-1.1.tar.gz", "url": "https://cdn.example/demo-1.1.tar.gz#sha256=ff", "hashes": {},
                "requires-python": null, "yanked": true, "dist-info-metadata": true},
               {"filename": "demo-1.1-py3-none-any.whl", "url": "/f/demo-1.1-py3-none-any.whl", "hashes": {"sha256": "00"},
                "yanked": "security issue", "core-metadata": false, "dist-info-metadata": {"sha256": "11"}}
             ]}
            """);

        Assert.Equal(["1.0", "1.1"], page.Versions);
        var (a, b, c) = (page.Files[0], page.Files[1], page.Files[2]);
        Assert.Equal("https://index.example/f/demo-1.0-py3-none-any.whl", a.Url.AbsoluteUri);
        Assert.Equal("abcd", a.Sha256);
        Assert.Equal(">=3.8", a.RequiresPython);
        Assert.Equal("ee", a.CoreMetadataHashes["sha256"]);
        Assert.Equal(1234, a.Size);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 123, 456, TimeSpan.Zero), a.UploadTime);
        Assert.False(a.IsYanked);

        Assert.Equal("https://cdn.example/demo-1.1.tar.gz", b.Url.AbsoluteUri);
        Assert.Null(b.RequiresPython);
        Assert.Equal("", b.YankedReason);
        Assert.True(b.HasCoreMetadata);

        Assert.Equal("security issue", c.YankedReason);
        // PEP 714: the new key, when present, decides; the older dist-info-metadata is only a fallback.
        Assert.False(c.HasCoreMetadata);
    }

    [Fact]
    public void Api_version_1_x_is_accepted_and_2_refused_before_the_shape_is_checked()
    {
        Assert.Empty(Parse("""{"meta": {"api-version": "1.9"}, "name": "demo", "files": []}""").Files);

        var error = Assert.Throws<UnsupportedIndexApiException>(() => Parse("""{"meta": {"api-version": "2.0"}, "files": "a different shape"}"""));

        Assert.Equal("2.0", error.ApiVersion);
        Assert.Contains("envtool understands 1.x only", error.Message);
    }

    [Theory]
    [InlineData("""{"meta": {"api-version": "1.0"}, "name": "demo"}""", "missing 'files'")]
    [InlineData("""{"name": "demo", "files": []}""", "missing meta.api-version")]
    [InlineData("""{"meta": {"api-version": "one"}, "files": []}""", "api-version 'one' is not a version number")]
    [InlineData("""[1, 2]""", "the JSON document is not an object")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"url": "x.whl", "hashes": {}}]}""", "$.files[0]: missing 'filename'")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "hashes": {}}]}""", "$.files[0]: missing 'url'")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "url": "javascript:x", "hashes": {}}]}""", "$.files[0]: 'url' javascript:x is not an http(s) URL")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "url": "x.whl", "hashes": {"sha256": "xyz"}}]}""", "$.files[0]: hash 'sha256' is not a hex digest")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "url": "x.whl", "core-metadata": "yes"}]}""", "$.files[0]: 'core-metadata' must be a boolean or an object of hashes, not string")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "url": "x.whl", "upload-time": "yesterday"}]}""", "$.files[0]: 'upload-time' 'yesterday' is not an ISO 8601 time")]
    [InlineData("""{"meta": {"api-version": "1.0"}, "files": [{"filename": "x.whl", "url": "x.whl", "size": -1}]}""", "$.files[0]: 'size' is negative")]
    public void Malformed_pages_name_the_page_and_the_problem(string json, string problem)
    {
        Assert.Equal($"malformed index page https://index.example/simple/demo/: {problem}", Malformed(json).Message);
    }

    [Fact]
    public void Json_syntax_and_type_errors_name_the_path()
    {
        var wrongType = Malformed("""{"meta": {"api-version": "1.0"}, "files": [{"filename": 7, "url": "x"}]}""");
        var syntax = Malformed("""{"meta": {"api-version": "1.0"}, "files": [""");

        Assert.StartsWith("malformed index page https://index.example/simple/demo/: invalid JSON at $.files[0].filename", wrongType.Message);
        Assert.StartsWith("malformed index page https://index.example/simple/demo/: invalid JSON", syntax.Message);
    }
}
