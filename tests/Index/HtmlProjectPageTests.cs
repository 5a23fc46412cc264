using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Index.Html;

namespace EnvTool.Tests.Index;

public sealed class HtmlProjectPageTests
{
    private static readonly Uri Page = new("https://index.example/simple/demo/");

    private static IReadOnlyList<DistributionFile> Parse(string html, Uri? page = null) =>
        HtmlProjectPage.Parse(html, page ?? Page, "test-source");

    [Fact]
    public void Reads_links_hashes_and_data_attributes()
    {
        var files = Parse("""
            <!DOCTYPE html><html><body>
            <a href="../../files/demo-1.0-py3-none-any.whl#sha256=ABCDEF0123" data-requires-python="&gt;=3.8,&lt;4&amp;&#x21;" data-core-metadata="sha256=00ff">demo-1.0-py3-none-any.whl</a><br/>
            <A HREF='/files/demo-1.1.tar.gz#md5=aa' DATA-YANKED>demo-1.1.tar.gz</A>
            <a href=https://cdn.example/demo-1.2-py3-none-any.whl data-yanked="bad &quot;release&quot;" data-dist-info-metadata=true>x</a>
            </body></html>
            """);

        Assert.Equal(3, files.Count);
        Assert.Equal("demo-1.0-py3-none-any.whl", files[0].FileName);
        Assert.Equal("https://index.example/files/demo-1.0-py3-none-any.whl", files[0].Url.AbsoluteUri);
        Assert.Equal("abcdef0123", files[0].Sha256);
        Assert.Equal(">=3.8,<4&!", files[0].RequiresPython);
        Assert.True(files[0].HasCoreMetadata);
        Assert.Equal("00ff", files[0].CoreMetadataHashes["sha256"]);
        Assert.False(files[0].IsYanked);
        Assert.Equal("test-source", files[0].Source);

        Assert.Equal("https://index.example/files/demo-1.1.tar.gz", files[1].Url.AbsoluteUri);
        Assert.Equal("aa", files[1].Hashes["md5"]);
        Assert.Null(files[1].Sha256);
        Assert.Equal("", files[1].YankedReason);
        Assert.False(files[1].HasCoreMetadata);

        Assert.Equal("bad \"release\"", files[2].YankedReason);
        Assert.True(files[2].HasCoreMetadata);
        Assert.Empty(files[2].CoreMetadataHashes);
    }

    [Fact]
    public void Core_metadata_wins_over_the_old_attribute_name_and_unreadable_values_mean_none()
    {
        var files = Parse("""
            <a href="a-1.0-py3-none-any.whl" data-dist-info-metadata="sha256=11" data-core-metadata="sha256=22">a</a>
            <a href="a-1.1-py3-none-any.whl" data-core-metadata="false">a</a>
            <a href="a-1.2-py3-none-any.whl" data-core-metadata="sha256=not-hex">a</a>
            """);

        Assert.Equal("22", files[0].CoreMetadataHashes["sha256"]);
        Assert.False(files[1].HasCoreMetadata);
        Assert.False(files[2].HasCoreMetadata);
    }

    [Fact]
    public void Base_href_changes_where_relative_links_point()
    {
        var files = Parse("""
            <html><head><base href="/mirror/packages/"></head>
            <body><a href="demo-1.0.tar.gz">demo</a><a href="sub/demo-1.1.tar.gz#sha256=aa">demo</a></body></html>
            """);

        Assert.Equal("https://index.example/mirror/packages/demo-1.0.tar.gz", files[0].Url.AbsoluteUri);
        Assert.Equal("https://index.example/mirror/packages/sub/demo-1.1.tar.gz", files[1].Url.AbsoluteUri);
    }

    [Fact]
    public void Percent_encoded_file_names_are_decoded_and_fragments_dropped_from_the_url()
    {
        var file = Parse("<a href=\"files/demo-1.0%2Blocal-py3-none-any.whl#sha256=ab\">x</a>").Single();

        Assert.Equal("demo-1.0+local-py3-none-any.whl", file.FileName);
        Assert.Equal("", file.Url.Fragment);
    }

    [Fact]
    public void Skips_links_that_are_not_distributions_and_markup_that_is_not_a_link()
    {
        var files = Parse("""
            <!-- <a href="commented-1.0.tar.gz">no</a> -->
            <script>var s = "<a href='scripted-1.0.tar.gz'>no</a>";</script>
            <style>a { content: "<a href='styled-1.0.tar.gz'>" }</style>
            <a href="javascript:alert(1)">js</a>
            <a href="mailto:someone@example.com">mail</a>
            <a href="file:///etc/passwd">local file from a remote page</a>
            <a name="anchor-without-href">nothing</a>
            <a href="">empty</a>
            <a href="/simple/">directory</a>
            a < b and <3 hearts
            <a href="real-1.0.tar.gz">real</a>
            """);

        Assert.Equal(["real-1.0.tar.gz"], files.Select(f => f.FileName));
    }

    [Fact]
    public void A_local_page_may_link_local_files()
    {
        var page = new Uri("file:///srv/links/index.html");

        var files = Parse("<a href=\"demo-1.0.tar.gz\">x</a><a href=\"file:///other/demo-2.0.tar.gz\">y</a>", page);

        Assert.Equal(["file:///srv/links/demo-1.0.tar.gz", "file:///other/demo-2.0.tar.gz"], files.Select(f => f.Url.AbsoluteUri));
    }

    [Fact]
    public void Unterminated_markup_is_tolerated()
    {
        Assert.Empty(Parse("<a href=\"demo-1.0.tar.gz"));
        Assert.Empty(Parse("<!-- never closed <a href=x-1.0.tar.gz>"));
        Assert.Empty(Parse("<"));
        Assert.Empty(Parse("<a href=demo-1.0.tar.gz"));
        Assert.Single(Parse("<a href=demo-1.0.tar.gz><a href='demo-1.1.tar.gz"));
    }

    [Fact]
    public void Unknown_character_references_are_kept_as_written()
    {
        var file = Parse("<a href=\"d-1.0.tar.gz\" data-requires-python=\"&unknown; &#0; &#x110000; &amp &lt;3\">x</a>").Single();

        Assert.Equal("&unknown; &#0; &#x110000; &amp <3", file.RequiresPython);
    }

    [Fact]
    public void Repository_version_2_is_refused_and_1_x_accepted()
    {
        Assert.Single(Parse("<meta name=\"pypi:repository-version\" content=\"1.4\"><a href=\"d-1.0.tar.gz\">d</a>"));

        var error = Assert.Throws<UnsupportedIndexApiException>(() =>
            Parse("<meta name=\"pypi:repository-version\" content=\"2.0\"><a href=\"d-1.0.tar.gz\">d</a>"));

        Assert.Equal("index page https://index.example/simple/demo/ uses simple API version 2.0; envtool understands 1.x only", error.Message);
    }

    [Fact]
    public void A_large_page_is_read_in_one_pass()
    {
        var html = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<a href=\"demo-{i}.0.tar.gz#sha256={i:x4}\" data-requires-python=\"&gt;=3.{i % 10}\">demo</a>\n"));

        var files = Parse(html);

        Assert.Equal(20_000, files.Count);
        Assert.Equal(">=3.9", files[19_999].RequiresPython);
    }
}
