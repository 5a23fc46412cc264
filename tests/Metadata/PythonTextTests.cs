using EnvTool.Standards;

namespace EnvTool.Tests.Metadata;

public class PythonTextTests
{
    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb\rc", new[] { "a", "b", "c" })]
    [InlineData("a\n\nb", new[] { "a", "", "b" })]
    [InlineData("a\fb\vc\u001cd\u0085e\u2028f\u2029g", new[] { "a", "b", "c", "d", "e", "f", "g" })]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    public void SplitLinesMatchesPythonsStrSplitlines(string text, string[] lines) =>
        Assert.Equal(lines, PythonText.SplitLines(text));

    [Fact]
    public void UniversalNewlinesOnlyTouchesCrAndCrlf() =>
        Assert.Equal("a\nb\nc\n\fd\u2028", PythonText.UniversalNewlines("a\r\nb\rc\n\fd\u2028"));
}
