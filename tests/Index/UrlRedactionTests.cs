using EnvTool.Index;

namespace EnvTool.Tests.Index;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://user:pass@host.example/simple/", "https://***@host.example/simple/")]
    [InlineData("https://token@host.example:8443/simple/", "https://***@host.example:8443/simple/")]
    [InlineData("https://us%40er:p@ss@host.example/", "https://***@host.example/")]
    [InlineData("https://host.example/simple/?q=a@b", "https://host.example/simple/?q=a@b")]
    [InlineData("https://host.example/a@b/", "https://host.example/a@b/")]
    [InlineData("file:///srv/index/", "file:///srv/index/")]
    [InlineData("/local/path", "/local/path")]
    public void Masks_userinfo_only(string url, string expected) => Assert.Equal(expected, UrlRedaction.Redact(url));

    [Fact]
    public void Strips_credentials_and_fragment_for_requests()
    {
        var url = UrlRedaction.WithoutCredentials(new Uri("https://u:p@host.example/x.whl#sha256=ab"));

        Assert.Equal("https://host.example/x.whl", url.AbsoluteUri);
    }
}
