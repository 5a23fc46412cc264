using EnvTool.Standards;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Requirements;

namespace EnvTool.Tests.Requirements;

/// <summary>Bad input gets a ParseException that says what was expected and where.</summary>
public class MalformedInputTests
{
    [Theory]
    [InlineData("foo[bar", 7, "expected ']' or ','")]
    [InlineData("foo[", 4, "expected an extra name or ']'")]
    [InlineData("foo[a,]", 6, "expected an extra name after ','")]
    [InlineData("foo[a b]", 6, "expected ']' or ','")]
    [InlineData("name @", 6, "expected a URL after '@'")]
    [InlineData("name @ ", 7, "expected a URL after '@'")]
    [InlineData("name ; ", 7, "expected a marker variable or a quoted string, found end of input")]
    [InlineData("name;", 5, "expected a marker variable or a quoted string, found end of input")]
    [InlineData("foo_ >= 1", 0, "invalid package name 'foo_'")]
    [InlineData("foo[bar_]", 4, "invalid extra name 'bar_'")]
    [InlineData("-foo", 0, "expected a package name")]
    [InlineData("", 0, "expected a package name")]
    [InlineData("foo >= 1.0.*", 4, "'.*' can only be used with '==' or '!='")]
    [InlineData("foo == 1.0a1.*", 4, "'.*' cannot follow a pre-release")]
    [InlineData("foo >= 1.0+local", 4, "local version label")]
    [InlineData("foo ~= 1", 4, "invalid version specifier '~= 1'")]
    [InlineData("foo >= 1.0,", 11, "expected a version specifier after ','")]
    [InlineData("foo (>=1.0, )", 12, "expected a version specifier after ','")]
    [InlineData("foo (>=1.0", 10, "expected ',' or ')' to close the '(' at column 5")]
    [InlineData("foo >=1.0 <2", 10, "expected ',' (between version specifiers), ';' (before a marker) or end")]
    [InlineData("foo bar", 4, "expected a version specifier, '@', ';' (before a marker) or end")]
    [InlineData("foo @ https://x/y.whl; os_name == 'nt'", 23, "expected ';' or end after the URL")]
    [InlineData("foo; os_name == 'nt' junk", 21, "expected 'and', 'or' or end of marker")]
    public void Requirement_errors_name_the_problem_and_column(string text, int position, string problem)
    {
        var e = Assert.Throws<ParseException>(() => Requirement.Parse(text));
        Assert.Equal("requirement", e.What);
        Assert.Contains(problem, e.Problem);
        Assert.Equal(position, e.Position);
        Assert.Contains($"column {position + 1}", e.Message);
        Assert.Contains(text, e.Message);
        Assert.False(Requirement.TryParse(text, out _));
    }

    [Theory]
    [InlineData("python_version >= \"3\" and", 25, "expected a marker variable or a quoted string, found end of input")]
    [InlineData("python_version >= \"3\" or ", 25, "expected a marker variable or a quoted string, found end of input")]
    [InlineData("python_versions >= '3'", 0, "unknown marker variable 'python_versions'")]
    [InlineData("platform == 'x'", 0, "unknown marker variable 'platform'")]
    [InlineData("os_name == 'posix", 11, "unterminated string")]
    [InlineData("os_name == \"posix", 11, "unterminated string")]
    [InlineData("os_name = 'posix'", 8, "expected a marker operator")]
    [InlineData("os_name <> 'posix'", 9, "expected a marker variable or a quoted string")]
    [InlineData("os_name not 'posix'", 12, "expected ' in' after 'not'")]
    [InlineData("os_name notin 'posix'", 8, "expected a marker operator")]
    [InlineData("os_name == 'a\\tb'", 13, "backslash escapes are not allowed")]
    [InlineData("(os_name == 'a'", 15, "expected 'and', 'or' or ')' to close the '(' at column 1")]
    [InlineData("os_name == 'a')", 14, "expected 'and', 'or' or end of marker")]
    [InlineData("os_name == 'a' xor os_name == 'b'", 15, "expected 'and', 'or' or end of marker")]
    [InlineData("os_name == 'a' andos_name == 'b'", 15, "expected 'and', 'or' or end of marker")]
    [InlineData("", 0, "found end of input")]
    public void Marker_errors_name_the_problem_and_column(string text, int position, string problem)
    {
        var e = Assert.Throws<ParseException>(() => Marker.Parse(text));
        Assert.Equal("marker", e.What);
        Assert.Contains(problem, e.Problem);
        Assert.Equal(position, e.Position);
        Assert.False(Marker.TryParse(text, out _));
    }

    [Fact]
    public void Unknown_variable_error_lists_the_known_ones_in_its_hint()
    {
        var e = Assert.Throws<ParseException>(() => Marker.Parse("python_vrsion > '3'"));
        Assert.Contains("python_full_version", e.Hint);
    }
}
