using EnvTool.Index.Http;

namespace EnvTool.Tests.Index;

public sealed class NetrcFileTests
{
    [Fact]
    public void Finds_entries_by_host_with_default_as_fallback()
    {
        var netrc = NetrcFile.Parse("""
            # a comment
            machine a.example login alice password one
            machine b.example
                login bob
                account ignored
                password two
            macdef init
            machine evil.example login mallory password three

            default login anon password four
            """);

        Assert.Equal(("alice", "one"), netrc.For("a.example"));
        Assert.Equal(("bob", "two"), netrc.For("B.EXAMPLE"));
        Assert.Equal(("anon", "four"), netrc.For("evil.example"));
        Assert.Equal(("anon", "four"), netrc.For("unknown.example"));
    }

    [Fact]
    public void No_file_and_no_default_means_no_credentials()
    {
        Assert.Null(NetrcFile.Load("/nonexistent/netrc").For("a.example"));
        Assert.Null(NetrcFile.Parse("machine a.example login x password y").For("b.example"));
    }
}
