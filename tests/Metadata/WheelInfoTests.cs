using EnvTool.Standards;
using EnvTool.Standards.Metadata;

namespace EnvTool.Tests.Metadata;

public class WheelInfoTests
{
    [Fact]
    public void ReadsEveryField()
    {
        var w = WheelInfo.Parse("""
            Wheel-Version: 1.0
            Generator: bdist_wheel (0.42.0)
            Root-Is-Purelib: false
            Tag: cp311-cp311-manylinux_2_17_x86_64
            Tag: cp311-cp311-manylinux2014_x86_64
            Build: 1local

            """, "WHEEL");
        Assert.Equal("1.0", w.WheelVersion);
        Assert.False(w.IsNewerMinorVersion);
        Assert.Equal("bdist_wheel (0.42.0)", w.Generator);
        Assert.False(w.RootIsPurelib);
        Assert.Equal(["cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64"], w.Tags);
        Assert.Equal("1local", w.Build);
    }

    [Fact]
    public void NewerMinorVersionIsReadableAndFlagged()
    {
        var w = WheelInfo.Parse("Wheel-Version: 1.9\nRoot-Is-Purelib: True\n", "WHEEL");
        Assert.Equal((1, 9), (w.WheelVersionMajor, w.WheelVersionMinor));
        Assert.True(w.IsNewerMinorVersion);
        Assert.True(w.RootIsPurelib);
        Assert.Empty(w.Tags);
        Assert.Null(w.Generator);
        Assert.Null(w.Build);
    }

    [Theory]
    [InlineData("Root-Is-Purelib: true\n", "WHEEL: missing required field 'Wheel-Version'")]
    [InlineData("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n", "WHEEL:1: unsupported Wheel-Version 2.0: envtool installs wheels of format version 1.x")]
    [InlineData("Wheel-Version: 1\nRoot-Is-Purelib: true\n", "WHEEL:1: Wheel-Version '1' is not of the form MAJOR.MINOR")]
    [InlineData("Wheel-Version: 1.0\n", "WHEEL: missing required field 'Root-Is-Purelib'")]
    [InlineData("Wheel-Version: 1.0\nRoot-Is-Purelib: yes\n", "WHEEL:2: Root-Is-Purelib must be 'true' or 'false', not 'yes'")]
    [InlineData("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none\n", "WHEEL:3: Tag 'py3-none' is not of the form python-abi-platform")]
    [InlineData("Wheel-Version: 1.0\nRoot-Is-Purelib: true\nBuild: local1\n", "WHEEL:3: Build 'local1' must start with a digit")]
    public void MalformedFilesAreRefused(string text, string message)
    {
        var e = Assert.Throws<FileParseException>(() => WheelInfo.Parse(text, "WHEEL"));
        Assert.Equal(message, e.Message);
    }
}
