using EnvTool.Cli.Commands.Store;
using EnvTool.Standards;

namespace EnvTool.Tests.Gc;

public sealed class QuantityTextTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2w", 14 * 24 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("0s", 0)]
    public void Durations(string text, long seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), QuantityText.ParseDuration(text));

    [Theory]
    [InlineData("", -1, "it is empty")]
    [InlineData("30", 2, "expected a unit")]
    [InlineData("d", 0, "expected a number")]
    [InlineData("1h30", 4, "expected a unit")]
    [InlineData("5y", 1, "unknown unit 'y'")]
    [InlineData("-1d", 0, "expected a number")]
    [InlineData("99999999999999999d", 0, "is too long")]
    public void Bad_durations(string text, int position, string problem)
    {
        var e = Assert.Throws<ParseException>(() => QuantityText.ParseDuration(text));
        Assert.Equal(position, e.Position);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000000", 2_000_000)]
    [InlineData("500M", 500L << 20)]
    [InlineData("10G", 10L << 30)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("64KiB", 64 << 10)]
    [InlineData("2GB", 2_000_000_000)]
    [InlineData("1T", 1L << 40)]
    public void Sizes(string text, long bytes) => Assert.Equal(bytes, QuantityText.ParseSize(text));

    [Theory]
    [InlineData("", 0, "expected a number")]
    [InlineData("G", 0, "expected a number")]
    [InlineData("10Q", 2, "unknown unit 'Q'")]
    [InlineData("1.2.3G", 0, "expected a number")]
    [InlineData("99999999999T", 0, "is too large")]
    public void Bad_sizes(string text, int position, string problem)
    {
        var e = Assert.Throws<ParseException>(() => QuantityText.ParseSize(text));
        Assert.Equal(position, e.Position);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }
}
