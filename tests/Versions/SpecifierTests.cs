using EnvTool.Standards;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Versions;

public class SpecifierTests
{
    private static Pep440Version V(string s) => Pep440Version.Parse(s);

    [Theory]
    [InlineData("==1.0", "1.0+abc", true)]
    [InlineData("==1.0", "1.0.0", true)]
    [InlineData("==1.0+abc", "1.0", false)]
    [InlineData("==1.0+abc", "1.0+ABC", true)]
    [InlineData("!=1.0", "1.0+abc", false)]
    [InlineData("==1.2.*", "1.2.7", true)]
    [InlineData("==1.2.*", "1.2", true)]
    [InlineData("==1.2.*", "1.2.0a1", true)]
    [InlineData("==1.2.*", "1.3.dev0", false)]
    [InlineData("==1.2.*", "1.2+local", true)]
    [InlineData("!=1.2.*", "1.3", true)]
    [InlineData("!=1.2.*", "1.2.3", false)]
    [InlineData("~=2.2", "2.3", true)]
    [InlineData("~=2.2", "3.0", false)]
    [InlineData("~=1.4.5", "1.4.9", true)]
    [InlineData("~=1.4.5", "1.5", false)]
    [InlineData("~=2.2.post3", "2.9", true)]
    [InlineData("~=2.2.post3", "2.2.post2", false)]
    [InlineData(">1.7", "1.7.1", true)]
    [InlineData(">1.7", "1.7.post2", false)]
    [InlineData(">1.7", "1.7+local", false)]
    [InlineData(">1.7.post2", "1.7.post3", true)]
    [InlineData(">1.7.post2", "1.7.post3.dev0", true)]
    [InlineData(">1.7.post2", "1.7.post2+x", false)]
    [InlineData(">1.0a1", "1.0a1.post1", false)]
    [InlineData(">1.0a1", "1.0a2", true)]
    [InlineData("<1.7", "1.7rc1", false)]
    [InlineData("<1.7", "1.6.9", true)]
    [InlineData("<1.7", "1.7.dev0", false)]
    [InlineData("<1.7rc1", "1.7b2", true)]
    [InlineData("<1.7.post1", "1.7", true)]
    [InlineData("<=1.7", "1.7+local", true)]
    [InlineData(">=1.7", "1.7+local", true)]
    [InlineData(">=1.7", "1.7.dev1", false)]
    [InlineData("===1.0", "1.0", true)]
    [InlineData("===1.0", "1.0.0", false)]
    [InlineData("===1.0+ABC", "1.0+abc", true)]
    [InlineData("<0", "0.dev0", false)]
    public void ContainsLikePep440(string spec, string version, bool expected)
    {
        var s = Specifier.Parse(spec);
        Assert.Equal(expected, s.Contains(V(version), prereleases: true));
        Assert.Equal(expected, s.Contains(version, prereleases: true));
    }

    [Fact]
    public void PrereleasePolicyOfOneClause()
    {
        var s = Specifier.Parse(">=1.0");
        Assert.False(s.AllowsPrereleases);
        Assert.True(s.Contains(V("2.0a1")));           // one candidate: nothing final competes
        Assert.False(s.Contains(V("2.0a1"), false));
        Assert.True(Specifier.Parse(">=1.0b1").AllowsPrereleases);
        Assert.True(Specifier.Parse(">1.0b1").AllowsPrereleases);
        Assert.False(Specifier.Parse("!=1.0b1").AllowsPrereleases);
        Assert.False(Specifier.Parse("==1.0.*").AllowsPrereleases);
    }

    [Fact]
    public void ArbitraryEqualityComparesText()
    {
        var s = Specifier.Parse("=== foobar");
        Assert.Equal("===", s.Operator);
        Assert.Equal("foobar", s.Version);
        Assert.True(s.Contains("FooBar"));
        Assert.False(s.Contains("foobar2"));
        Assert.False(Specifier.Parse(">=1.0").Contains("foobar"));
    }

    [Theory]
    [InlineData(" >= 1.0 ", ">=", "1.0", ">=1.0")]
    [InlineData("==1.0.0A1", "==", "1.0.0A1", "==1.0.0A1")]
    [InlineData("~=v2.2", "~=", "v2.2", "~=v2.2")]
    [InlineData("!=1.2.*", "!=", "1.2.*", "!=1.2.*")]
    [InlineData("===", "===", "", "===")]
    public void KeepsTheTextAsWritten(string text, string op, string version, string str)
    {
        var s = Specifier.Parse(text);
        Assert.Equal(op, s.Operator);
        Assert.Equal(version, s.Version);
        Assert.Equal(str, s.ToString());
    }

    [Theory]
    [InlineData("~=1", 3, "~= operator needs at least two release numbers")]
    [InlineData("==1.*.2", 6, "a '.*' wildcard must end the version")]
    [InlineData("==1.*.0", 6, "a '.*' wildcard must end the version")]
    [InlineData("<1.0.*", 5, "a '.*' wildcard is only allowed with the == and != operators")]
    [InlineData("~=1.0.*", 6, "a '.*' wildcard is only allowed with the == and != operators")]
    [InlineData("==1.0a1.*", 8, "a '.*' wildcard can only follow the release numbers")]
    [InlineData(">=1.0+local", 6, "a local version label ('+...') is only allowed with the == and != operators")]
    [InlineData("~=1.0+local", 6, "local version label")]
    [InlineData("1.0", 1, "expected a comparison operator")]
    [InlineData("=1.0", 1, "expected a comparison operator")]
    [InlineData(">=", 3, "expected a version after the operator")]
    [InlineData("", 1, "found nothing")]
    [InlineData(">=1.0 2", 6, "unexpected whitespace")]
    [InlineData("===1.0 x", 7, "the version of '===' cannot contain whitespace")]
    [InlineData("===1.0;", 7, "the version of '===' cannot contain whitespace, ';' or ')'")]
    [InlineData(">=1.0.0.dev1.post", 13, "post-release segment must come before the dev-release segment")]
    public void RejectsMalformedClauses(string text, int column, string problem)
    {
        var e = Assert.Throws<ParseException>(() => Specifier.Parse(text));
        Assert.Contains(problem, e.Problem);
        Assert.Equal(column, e.Position + 1);
        Assert.StartsWith($"invalid version specifier '{text}': ", e.Message);
        Assert.False(Specifier.TryParse(text, out _));
    }
}
