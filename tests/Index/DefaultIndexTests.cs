using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Index;

public class DefaultIndexTests
{
    [SkippableFact]
    public void WithoutAnyIndexOrFindLinksTheErrorSaysWhatToPass()
    {
        Skip.If(DefaultIndex.Url is not null, "an index variable is set in this environment");
        using var dir = new TempDir();
        var e = Assert.Throws<NoIndexConfiguredException>(() => new PackageIndex(new IndexOptions(), dir.Sub("cache")));
        Assert.Contains("no package source configured", e.Message);
        Assert.Contains("--index-url", e.Hint);
    }

    [Fact]
    public void FindLinksAloneIsEnoughWhenNoIndexIsConfigured()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Sub("wheels"));
        using var index = new PackageIndex(new IndexOptions { FindLinks = [dir.Sub("wheels")] }, dir.Sub("cache"));
        Assert.Equal(DefaultIndex.Url is null ? 0 : 1, index.IndexUrls.Count);
    }
}
