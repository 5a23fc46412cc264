using EnvTool.Standards.Tags;

namespace EnvTool.Tests.Tags;

public sealed class PlatformTagsTests
{
    [Fact]
    public void ManylinuxOnX86GoesDownToGlibc25WithLegacyAliasesAfterTheirPep600Names()
    {
        var tags = PlatformTags.Linux("linux-x86_64", false, (2, 17), null).ToList();
        Assert.Equal(["manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64"], tags.Take(3));
        Assert.Equal(["manylinux_2_12_x86_64", "manylinux2010_x86_64"], tags.SkipWhile(t => t != "manylinux_2_12_x86_64").Take(2));
        Assert.Equal(["manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64"], tags.TakeLast(3));
    }

    [Fact]
    public void OtherArchitecturesStopAtGlibc217()
    {
        var tags = PlatformTags.Linux("linux-aarch64", false, (2, 28), null).ToList();
        Assert.Equal(["manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64"], tags.TakeLast(3));
        Assert.Equal(12 + 1 + 1, tags.Count);
    }

    [Fact]
    public void ThirtyTwoBitInterpretersOnSixtyFourBitKernelsUseTheirOwnArchitecture()
    {
        Assert.Equal("manylinux_2_17_i686", PlatformTags.Linux("linux-x86_64", true, (2, 17), null).First());
        var arm = PlatformTags.Linux("linux-aarch64", true, (2, 17), null).ToList();
        Assert.Equal(["manylinux_2_17_armv8l", "manylinux2014_armv8l"], arm.Take(2));
        Assert.Contains("manylinux_2_17_armv7l", arm);
        Assert.Equal(["linux_armv8l", "linux_armv7l"], arm.TakeLast(2));
    }

    [Fact]
    public void NewerGlibcMajorsIncludeEveryOlderMajorsMinors()
    {
        var tags = PlatformTags.Linux("linux-x86_64", false, (3, 1), null).ToList();
        Assert.Equal(["manylinux_3_1_x86_64", "manylinux_3_0_x86_64", "manylinux_2_50_x86_64"], tags.Take(3));
    }

    [Fact]
    public void MuslGetsMusllinuxTagsAndNoManylinux()
    {
        Assert.Equal(["musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64", "linux_x86_64"],
            PlatformTags.Linux("linux-x86_64", false, null, (1, 2)));
    }

    [Fact]
    public void UnknownArchitecturesOnlyGetLinuxTags()
    {
        Assert.Equal(["linux_mips64"], PlatformTags.Linux("linux-mips64", false, (2, 36), null));
    }

    [Fact]
    public void AppleSiliconAcceptsUniversal2BuildsForOlderMacOS()
    {
        var tags = PlatformTags.MacOS(14, 2, "arm64").ToList();
        Assert.Equal(["macosx_14_0_arm64", "macosx_14_0_universal2", "macosx_13_0_arm64"], tags.Take(3));
        Assert.Equal("macosx_10_4_universal2", tags[^1]);
        Assert.DoesNotContain("macosx_10_9_arm64", tags);
    }

    [Theory]
    [InlineData("2.36", 2, 36)]
    [InlineData("2.20-2014.11", 2, 20)]
    [InlineData("1.2.4", 1, 2)]
    public void ReadsLibcVersions(string text, int major, int minor) =>
        Assert.Equal((major, minor), PlatformTags.ParseMajorMinor(text));

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("x.y")]
    public void UnreadableLibcVersionsMeanNoTags(string text) => Assert.Null(PlatformTags.ParseMajorMinor(text));
}
