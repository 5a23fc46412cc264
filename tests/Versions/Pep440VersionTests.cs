using System.Numerics;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Versions;

public class Pep440VersionTests
{
    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("  v1.0\t", "1.0")]
    [InlineData("V1.0", "1.0")]
    [InlineData("1.0ALPHA", "1.0a0")]
    [InlineData("1.0-alpha.2", "1.0a2")]
    [InlineData("1.0_beta_3", "1.0b3")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0pre1", "1.0rc1")]
    [InlineData("1.0preview", "1.0rc0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0rev", "1.0.post0")]
    [InlineData("1.0-r-4", "1.0.post4")]
    [InlineData("1.0.post", "1.0.post0")]
    [InlineData("1.0dev", "1.0.dev0")]
    [InlineData("1.0-DEV_7", "1.0.dev7")]
    [InlineData("01.002.0003", "1.2.3")]
    [InlineData("0!1.0", "1.0")]
    [InlineData("2!1.0a1.post2.dev3+Ubuntu-1_02", "2!1.0a1.post2.dev3+ubuntu.1.2")]
    [InlineData("1.0a.", "1.0a0")]
    [InlineData("1.0+0a", "1.0+0a")]
    [InlineData("1.0\u00a0", "1.0")]
    public void NormalizesLikePackaging(string text, string normalized)
    {
        Assert.Equal(normalized, Pep440Version.Parse(text).ToString());
        Assert.True(Pep440Version.TryParse(text, out var v));
        Assert.Equal(normalized, v!.ToString());
    }

    [Fact]
    public void ExposesTheSegments()
    {
        var v = Pep440Version.Parse("3!1.2.0rc4.post5.dev6+abc.7");
        Assert.Equal(3, v.Epoch);
        Assert.Equal(new BigInteger[] { 1, 2, 0 }, v.Release);
        Assert.Equal(new PreRelease("rc", 4), v.Pre);
        Assert.Equal(5, v.Post);
        Assert.Equal(6, v.Dev);
        Assert.Equal("abc.7", v.Local);
        Assert.True(v.IsPrerelease);
        Assert.True(v.IsPostrelease);
        Assert.True(v.IsDevrelease);
        Assert.Equal("3!1.2.0", v.BaseVersion.ToString());
        Assert.Equal("3!1.2.0rc4.post5.dev6", v.Public.ToString());
        Assert.False(Pep440Version.Parse("1.0.post1").IsPrerelease);
        Assert.True(Pep440Version.Parse("1.0.dev1").IsPrerelease);
    }

    [Theory]
    [InlineData("1.0", "1.0.0", 0)]
    [InlineData("1.0", "1.0+0", -1)]
    [InlineData("1.0+01", "1.0+1", 0)]
    [InlineData("1.0.dev1", "1.0a1", -1)]
    [InlineData("1.0a1", "1.0a1.post1", -1)]
    [InlineData("1.0a1.post1.dev1", "1.0a1.post1", -1)]
    [InlineData("1.0rc1", "1.0", -1)]
    [InlineData("1.0", "1.0.post0.dev0", -1)]
    [InlineData("1.0.post1", "1.1.dev0", -1)]
    [InlineData("1!0.1", "2.0", 1)]
    [InlineData("1.0+abc", "1.0+1", -1)]
    [InlineData("1.0+abc", "1.0+abd", -1)]
    [InlineData("1.0+abc", "1.0+abc.0", -1)]
    [InlineData("1.99999999999999999999999", "1.100000000000000000000000", -1)]
    [InlineData("1.0.post99999999999999999999", "1.0.post99999999999999999998", 1)]
    public void OrdersLikePep440(string a, string b, int sign)
    {
        var x = Pep440Version.Parse(a);
        var y = Pep440Version.Parse(b);
        Assert.Equal(sign, Math.Sign(x.CompareTo(y)));
        Assert.Equal(-sign, Math.Sign(y.CompareTo(x)));
        Assert.Equal(sign == 0, x == y);
        Assert.Equal(sign < 0, x < y);
        Assert.Equal(sign >= 0, x >= y);
        if (sign == 0) Assert.Equal(x.GetHashCode(), y.GetHashCode());
    }

    [Fact]
    public void KeepsHugeNumbersExact()
    {
        var v = Pep440Version.Parse("1.000123456789012345678901234567890.post00000000000000000000042");
        Assert.Equal("1.123456789012345678901234567890.post42", v.ToString());
    }
}
