using EnvTool.Standards;
using EnvTool.Standards.Tags;

namespace EnvTool.Tests.Tags;

public sealed class TagTests
{
    [Fact]
    public void ParsesOneTagAndLowercasesIt()
    {
        var tag = Tag.Parse("CP311-cp311-Manylinux_2_17_X86_64");
        Assert.Equal(("cp311", "cp311", "manylinux_2_17_x86_64"), (tag.Interpreter, tag.Abi, tag.Platform));
        Assert.Equal("cp311-cp311-manylinux_2_17_x86_64", tag.ToString());
        Assert.Equal(new Tag("cp311", "CP311", "manylinux_2_17_x86_64"), tag);
        Assert.Equal(new Tag("cp311", "cp311", "manylinux_2_17_x86_64").GetHashCode(), tag.GetHashCode());
        Assert.NotEqual(new Tag("cp311", "abi3", "manylinux_2_17_x86_64"), tag);
    }

    [Fact]
    public void ExpandsCompressedSetsInInterpreterAbiPlatformOrder()
    {
        Assert.Equal(["py2-none-any", "py3-none-any"], Tag.ParseSet("py2.py3-none-any").Select(t => t.ToString()));
        Assert.Equal(
            ["cp38-abi3-manylinux1_x86_64", "cp38-abi3-manylinux_2_5_x86_64", "cp39-abi3-manylinux1_x86_64", "cp39-abi3-manylinux_2_5_x86_64"],
            Tag.ParseSet("cp38.cp39-abi3-manylinux1_x86_64.manylinux_2_5_x86_64").Select(t => t.ToString()));
        Assert.Single(Tag.ParseSet("py3.PY3-none-any"));
    }

    [Theory]
    [InlineData("py3-none", "a tag has exactly three parts (interpreter-abi-platform), found 2 at column 9")]
    [InlineData("py3", "found 1 at column 4")]
    [InlineData("py3-none-any-x", "found more at column 13")]
    [InlineData("py3..py2-none-any", "empty interpreter in tag at column 5")]
    [InlineData("py3--any", "empty ABI in tag at column 5")]
    [InlineData("py3-none-", "empty platform in tag at column 10")]
    [InlineData("3py-none-any", "interpreter '3py' must start with a letter or '_' at column 1")]
    [InlineData("py3-none-linux x86", "character ' ' is not allowed in a tag (only ASCII letters, digits and '_') at column 15")]
    public void RejectsMalformedTagsAtTheBadSpot(string input, string expectedEnd)
    {
        var e = Assert.Throws<ParseException>(() => Tag.ParseSet(input));
        Assert.StartsWith($"invalid tag '{input}': ", e.Message);
        Assert.EndsWith(expectedEnd, e.Message);
    }

    [Fact]
    public void SingleTagParseRefusesACompressedSet()
    {
        var e = Assert.Throws<ParseException>(() => Tag.Parse("py2.py3-none-any"));
        Assert.Equal("invalid tag 'py2.py3-none-any': expected a single tag, found a compressed tag set at column 4", e.Message);
        Assert.Equal(3, e.Position);
    }

    [Fact]
    public void RefusesSetsThatExpandToTooManyTags()
    {
        var members = string.Join('.', Enumerable.Range(0, 11).Select(i => $"p{i}"));
        var e = Assert.Throws<ParseException>(() => Tag.ParseSet($"{members}-{members}-{members}"));
        Assert.Contains("expands to 1331 tags, more than the 1024 allowed", e.Message);
    }

    [Theory]
    [InlineData("manylinux1_x86_64", LinuxLibc.Glibc, 2, 5, "x86_64")]
    [InlineData("manylinux2010_i686", LinuxLibc.Glibc, 2, 12, "i686")]
    [InlineData("manylinux2014_aarch64", LinuxLibc.Glibc, 2, 17, "aarch64")]
    [InlineData("manylinux_2_28_x86_64", LinuxLibc.Glibc, 2, 28, "x86_64")]
    [InlineData("musllinux_1_2_armv7l", LinuxLibc.Musl, 1, 2, "armv7l")]
    [InlineData("linux_riscv64", LinuxLibc.Unspecified, 0, 0, "riscv64")]
    public void UnderstandsLinuxPlatformTags(string platform, LinuxLibc libc, int major, int minor, string arch)
    {
        Assert.Equal(new LinuxPlatformTag(libc, major, minor, arch), LinuxPlatformTag.TryParse(platform));
    }

    [Theory]
    [InlineData("win_amd64")]
    [InlineData("manylinux_2_x86_64")]
    [InlineData("manylinux_x_17_x86_64")]
    [InlineData("musllinux_1_2_")]
    [InlineData("linux_")]
    [InlineData("any")]
    public void OtherPlatformsAreNotLinuxPlatformTags(string platform) => Assert.Null(LinuxPlatformTag.TryParse(platform));

    [Fact]
    public void LinuxPlatformTagPrintsThePep600Name()
    {
        Assert.Equal("manylinux_2_17_x86_64", LinuxPlatformTag.TryParse("manylinux2014_x86_64")!.ToString());
    }
}
