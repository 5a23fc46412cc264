using EnvTool.Standards;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Versions;

public class SpecifierSetTests
{
    private static Pep440Version[] Vs(params string[] s) => s.Select(Pep440Version.Parse).ToArray();

    private static string[] Filter(string set, bool? prereleases, params string[] candidates) =>
        SpecifierSet.Parse(set).Filter(Vs(candidates), prereleases).Select(v => v.ToString()).ToArray();

    [Fact]
    public void EmptyMatchesEverythingFinal()
    {
        var set = SpecifierSet.Parse("  ");
        Assert.Empty(set.Specifiers);
        Assert.Equal("", set.ToString());
        Assert.True(set.Contains(Pep440Version.Parse("0.1")));
        Assert.Equal(["1.0", "2.0"], Filter("", null, "1.0", "2.0b1", "2.0"));
        Assert.Equal(["2.0b1"], Filter("", null, "2.0b1"));
    }

    [Fact]
    public void SortsAndDeduplicatesLikePackaging()
    {
        var set = SpecifierSet.Parse(" <2 , >=1.0,==1.5.*, >=1.0.0 ,~=1.0, ~=1.0.0");
        Assert.Equal("<2,==1.5.*,>=1.0,~=1.0,~=1.0.0", set.ToString());
        Assert.Equal(5, set.Specifiers.Count);
    }

    [Fact]
    public void AllClausesMustHold()
    {
        var set = SpecifierSet.Parse(">=1.0, !=1.3.*, <2");
        Assert.True(set.Contains(Pep440Version.Parse("1.2")));
        Assert.False(set.Contains(Pep440Version.Parse("1.3.4")));
        Assert.False(set.Contains(Pep440Version.Parse("2.0")));
        Assert.True(set.Contains("1.4"));
        Assert.False(set.Contains("not-a-version"));
    }

    [Fact]
    public void FiltersPrereleasesByPep440Rule()
    {
        Assert.Equal(["1.3"], Filter(">=1.2.3", null, "1.2", "1.3", "1.5a1"));
        Assert.Equal(["1.5a1"], Filter(">=1.2.3", null, "1.2", "1.5a1"));
        Assert.Equal([], Filter(">=1.2.3", false, "1.2", "1.5a1"));
        Assert.Equal(["1.3", "1.5a1"], Filter(">=1.2.3", true, "1.3", "1.5a1"));
        Assert.Equal(["1.3", "1.5a1"], Filter(">=1.2.3,>=1.0a1", null, "1.3", "1.5a1"));
        Assert.True(SpecifierSet.Parse(">=1.0a1").AllowsPrereleases);
        Assert.False(SpecifierSet.Parse(">=1.0").AllowsPrereleases);
    }

    [Theory]
    [InlineData(">=1.0,", 7, "empty specifier after the last ','")]
    [InlineData(",>=1.0", 1, "empty specifier before the first ','")]
    [InlineData(">=1.0, ,<2", 7, "empty specifier between two commas")]
    [InlineData(">=1.0,<2,~=1", 12, "~= operator needs at least two release numbers")]
    [InlineData(">=1.0,  <=x", 11, "expected a release number, found 'x'")]
    public void ErrorsPointIntoTheWholeText(string text, int column, string problem)
    {
        var e = Assert.Throws<ParseException>(() => SpecifierSet.Parse(text));
        Assert.Contains(problem, e.Problem);
        Assert.Equal(column, e.Position + 1);
        Assert.StartsWith($"invalid version specifier '{text}': ", e.Message);
    }
}
