using EnvTool.Standards;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Versions;

/// <summary>Each malformed form is rejected with an error that names the problem and points at it.</summary>
public class MalformedVersionTests
{
    [Theory]
    [InlineData("1.0.0.dev1.post", 11, "post-release segment must come before the dev-release segment")]
    [InlineData("1..0", 3, "expected a number or a pre-, post- or dev-release label after '.'")]
    [InlineData("1.", 3, "expected a number or a pre-, post- or dev-release label after '.'")]
    [InlineData("1.0+", 5, "expected a local version label after '+'")]
    [InlineData("1.0+a..b", 7, "expected a letter or digit after '.' in the local version label")]
    [InlineData("1.0+a+b", 6, "only one local version label")]
    [InlineData("", 1, "expected a version, found nothing")]
    [InlineData("   ", 4, "expected a version, found nothing")]
    [InlineData("abc", 1, "expected a release number, found 'a'")]
    [InlineData("v", 2, "expected a release number after 'v'")]
    [InlineData("1!", 3, "expected a release number after the epoch '!'")]
    [InlineData("1!2!3", 4, "unexpected '!'")]
    [InlineData("1.0a1b2", 6, "only one pre-release segment is allowed")]
    [InlineData("1.0.post1a1", 10, "pre-release segment must come before")]
    [InlineData("1.0.dev1.dev2", 9, "only one dev-release segment is allowed")]
    [InlineData("1.0.post1.post2", 10, "only one post-release segment is allowed")]
    [InlineData("1.0 a1", 4, "unexpected whitespace inside the version")]
    [InlineData("1.0foo", 4, "unknown label 'foo'")]
    [InlineData("1.0.*", 4, "a version cannot contain a '*' wildcard")]
    [InlineData("1.0a1.2", 6, "release numbers must come before")]
    [InlineData("1.0#", 4, "unexpected '#'")]
    [InlineData("1.0+\u212a", 5, "expected a local version label after '+'")]
    [InlineData("99999999999!1.0", 1, "epoch 99999999999 is too large")]
    public void NamesTheProblem(string text, int column, string problem)
    {
        var e = Assert.Throws<ParseException>(() => Pep440Version.Parse(text));
        Assert.Contains(problem, e.Problem);
        Assert.Equal(column, e.Position + 1);
        Assert.StartsWith($"invalid version '{text}': ", e.Message);
        Assert.EndsWith($" at column {column}", e.Message);
        Assert.False(Pep440Version.TryParse(text, out var v));
        Assert.Null(v);
    }
}
