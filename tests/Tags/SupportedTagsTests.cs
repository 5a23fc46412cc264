using EnvTool.Standards.Tags;

namespace EnvTool.Tests.Tags;

public sealed class SupportedTagsTests
{
    private static Dictionary<string, string?> Config(int major, int minor, string? debug = "0", string? gilDisabled = null) => new()
    {
        ["Py_DEBUG"] = debug,
        ["WITH_PYMALLOC"] = "1",
        ["Py_GIL_DISABLED"] = gilDisabled,
        ["py_version_nodot"] = $"{major}{minor}",
        ["EXT_SUFFIX"] = $".cpython-{major}{minor}-x86_64-linux-gnu.so",
    };

    private static List<string> TagsOf(SupportedTags tags) => tags.Tags.Select(t => t.ToString()).ToList();

    [Fact]
    public void CPythonOnGlibcStartsWithItsOwnAbiOnTheNewestManylinux()
    {
        var tags = SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 11, Config(3, 11), false, glibc: "2.17"));
        var list = TagsOf(tags);
        Assert.Equal("cp311-cp311-manylinux_2_17_x86_64", list[0]);
        Assert.Equal("cp311-cp311-manylinux2014_x86_64", list[1]);
        Assert.Equal("cp311-cp311-manylinux_2_16_x86_64", list[2]);
        // The platforms: 2.17..2.5 (13), three legacy aliases, linux_x86_64.
        Assert.Equal("cp311-cp311-linux_x86_64", list[16]);
        Assert.Equal("cp311-abi3-manylinux_2_17_x86_64", list[17]);
        Assert.Equal("cp311-none-manylinux_2_17_x86_64", list[34]);
        Assert.Equal("cp310-abi3-manylinux_2_17_x86_64", list[51]);
        Assert.Equal("cp32-abi3-linux_x86_64", list[51 + 9 * 17 - 1]);
        // cpXY-none-any sits right before pyXY-none-any, and py30-none-any is last.
        var cpAny = list.IndexOf("cp311-none-any");
        Assert.Equal("py311-none-any", list[cpAny + 1]);
        Assert.Equal("py3-none-any", list[cpAny + 2]);
        Assert.Equal("py30-none-any", list[^1]);
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    [Fact]
    public void RankAndSupportsAnswerFromTheList()
    {
        var tags = SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 12, Config(3, 12), false));
        Assert.Equal(0, tags.Rank(Tag.Parse("cp312-cp312-manylinux_2_36_x86_64")));
        Assert.True(tags.Supports(Tag.Parse("py3-none-any")));
        Assert.Null(tags.Rank(Tag.Parse("cp313-cp313-manylinux_2_17_x86_64")));
        Assert.False(tags.Supports(Tag.Parse("cp312-cp312-musllinux_1_2_x86_64")));
        Assert.False(tags.Supports(Tag.Parse("cp312-cp312-win_amd64")));
        var wheelTags = Tag.ParseSet("py2.py3-none-any");
        Assert.Equal(tags.Rank(Tag.Parse("py3-none-any")), tags.BestRank(wheelTags));
        Assert.True(tags.BestRank(Tag.ParseSet("cp38-abi3-manylinux2014_x86_64")) < tags.BestRank(wheelTags));
        Assert.Null(tags.BestRank(Tag.ParseSet("cp312-cp312-win_amd64.macosx_11_0_arm64")));
    }

    [Fact]
    public void DebugBuildsAlsoLoadReleaseExtensions()
    {
        var list = TagsOf(SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 12, Config(3, 12, debug: "1"), true, platform: "linux-aarch64", glibc: "2.17")));
        Assert.Equal(["cp312-cp312d-manylinux_2_17_aarch64", "cp312-cp312d-manylinux2014_aarch64", "cp312-cp312d-linux_aarch64", "cp312-cp312-manylinux_2_17_aarch64"], list.Take(4));
    }

    [Fact]
    public void FreeThreadedBuildsGetNoStableAbi()
    {
        var list = TagsOf(SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 13, Config(3, 13, gilDisabled: "1"), false)));
        Assert.Equal("cp313-cp313t-manylinux_2_36_x86_64", list[0]);
        Assert.DoesNotContain(list, t => t.Contains("abi3", StringComparison.Ordinal));
    }

    [Fact]
    public void OldCPythonHasThePymallocFlag()
    {
        var config = Config(3, 7);
        config["WITH_PYMALLOC"] = null; // unset counts as pymalloc, as in packaging
        Assert.Equal("cp37-cp37m-manylinux_2_36_x86_64", TagsOf(SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 7, config, false)))[0]);
    }

    [Fact]
    public void PyPyUsesItsExtensionSuffixAbiAndPp3Any()
    {
        var config = Config(3, 10);
        config["EXT_SUFFIX"] = ".pypy310-pp73-x86_64-linux-gnu.so";
        config["py_version_nodot"] = "310";
        var list = TagsOf(SupportedTags.For(SyntheticInterpreter.Info("pypy", 3, 10, config, false)));
        Assert.Equal("pp310-pypy310_pp73-manylinux_2_36_x86_64", list[0]);
        Assert.Contains("pp310-none-linux_x86_64", list);
        Assert.Equal("py310-none-any", list[list.IndexOf("pp3-none-any") + 1]);
        Assert.DoesNotContain(list, t => t.Contains("abi3", StringComparison.Ordinal));
    }

    [Fact]
    public void WindowsAndMacOSUseTheirOwnPlatforms()
    {
        var windows = SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 11, Config(3, 11), false, platform: "win-amd64", system: "Windows", glibc: null));
        Assert.Equal("cp311-cp311-win_amd64", windows.Tags[0].ToString());
        var mac = SupportedTags.For(SyntheticInterpreter.Info("cpython", 3, 12, Config(3, 12), false, platform: "macosx-11.0-arm64", system: "Darwin", glibc: null, mac: "14.2.1"));
        Assert.Equal("cp312-cp312-macosx_14_0_x86_64", mac.Tags[0].ToString()); // the machine reported x86_64
        Assert.True(mac.Supports(Tag.Parse("cp312-cp312-macosx_10_9_universal2")));
    }

    [Fact]
    public void DuplicatesKeepTheirBestRank()
    {
        var tags = new SupportedTags([Tag.Parse("py3-none-any"), Tag.Parse("py2-none-any"), Tag.Parse("PY3-none-any")]);
        Assert.Equal(2, tags.Tags.Count);
        Assert.Equal(0, tags.Rank(Tag.Parse("py3-none-any")));
    }
}
