using System.Text.Json;

namespace EnvTool.Tests.Parity;

/// <summary>
/// Creating the same real package set again at another path builds nothing new: both environment
/// paths are symlinks to one tree, and the store holds no more trees than before.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class TreeReuseTests(ParityFixture fixture)
{
    [SkippableTheory]
    [InlineData("flask")]
    [InlineData("cryptography")]
    public void ASecondCreateOfTheSameSetLinksToTheSameTree(string set)
    {
        fixture.SkipIfUnavailable();
        var first = fixture.Pair(set).EnvTool;
        var treesBefore = Trees();

        var second = Path.Combine(fixture.Projects, $"again-{set}");
        fixture.CreateNamed(second, set);

        var firstTarget = new DirectoryInfo(first).LinkTarget;
        var secondTarget = new DirectoryInfo(second).LinkTarget;
        Assert.NotNull(firstTarget);
        Assert.Equal(firstTarget, secondTarget);
        Assert.StartsWith(Path.Combine(fixture.Store, "trees") + "/", Path.GetFullPath(firstTarget!, fixture.Projects), StringComparison.Ordinal);
        Assert.Equal(treesBefore, Trees());
        Assert.Equal(fixture.EnvToolOk("list", "--env", first).Stdout, fixture.EnvToolOk("list", "--env", second).Stdout);
    }

    private long Trees()
    {
        using var info = JsonDocument.Parse(fixture.EnvToolOk("store", "info", "--format", "json").Stdout);
        var trees = info.RootElement.GetProperty("trees").GetInt64();
        Assert.True(trees > 0, "the store reports no trees although an environment exists");
        return trees;
    }
}
