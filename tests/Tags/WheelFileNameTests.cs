using EnvTool.Standards;
using EnvTool.Standards.Wheels;

namespace EnvTool.Tests.Tags;

public sealed class WheelFileNameTests
{
    [Fact]
    public void ParsesAllParts()
    {
        var wheel = WheelFileName.Parse("Foo_Bar.baz-1.0.post1-01abc-cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        Assert.Equal("Foo_Bar.baz", wheel.Distribution);
        Assert.Equal("foo-bar-baz", wheel.NormalizedName);
        Assert.Equal("1.0.post1", wheel.VersionText);
        Assert.Equal(EnvTool.Standards.Versions.Pep440Version.Parse("1.0.post1"), wheel.Version);
        Assert.Equal("01abc", wheel.BuildTag!.Text);
        Assert.Equal(1, (int)wheel.BuildTag.Number);
        Assert.Equal("abc", wheel.BuildTag.Rest);
        Assert.Equal("cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64", wheel.TagText);
        Assert.Equal(4, wheel.Tags.Count);
        Assert.Equal("Foo_Bar.baz-1.0.post1-01abc-cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", wheel.ToString());
    }

    [Fact]
    public void BuildTagIsOptional()
    {
        var wheel = WheelFileName.Parse("pip-24.0.POST1-py3-none-any.whl");
        Assert.Null(wheel.BuildTag);
        Assert.Equal("24.0.POST1", wheel.VersionText);
        Assert.Equal("24.0.post1", wheel.Version.ToString());
        Assert.Equal("py3-none-any", Assert.Single(wheel.Tags).ToString());
    }

    [Fact]
    public void BuildTagsSortByNumberThenRest()
    {
        BuildTag Build(string b) => WheelFileName.Parse($"a-1-{b}-py3-none-any.whl").BuildTag!;
        Assert.True(Build("2").CompareTo(Build("10")) < 0);
        Assert.True(Build("10").CompareTo(Build("10a")) < 0);
        Assert.True(Build("9z").CompareTo(Build("10")) < 0);
        Assert.Equal(Build("01a"), Build("1a"));
        Assert.True(Build("99999999999999999999999").CompareTo(Build("99999999999999999999998")) > 0);
    }

    [Theory]
    [InlineData("PIP", "pip")]
    [InlineData("Foo.._-Bar", "foo-bar")]
    [InlineData("zope.interface", "zope-interface")]
    public void NormalizesNamesAsPep503(string name, string normalized) => Assert.Equal(normalized, WheelFileName.NormalizeName(name));

    [Theory]
    [InlineData("foo-1.0-py3-none-any.zip", "a wheel file name must end in '.whl' at column 21")]
    [InlineData("foo-1.0-py3-none-any.WHL", "a wheel file name must end in '.whl' at column 21")]
    [InlineData("foo-1.0-py3-none-any", "a wheel file name must end in '.whl' at column 21")]
    [InlineData("foo-1.0-py3-none.whl", "expected 5 or 6 '-' separated parts, found 4; expected {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl at column 17")]
    [InlineData("foo-1.0-1-2-py3-none-any.whl", "too many '-' separated parts; expected {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl at column 21")]
    [InlineData("foo-1.0-abc-py3-none-any.whl", "build tag 'abc' must start with a digit at column 9")]
    [InlineData("foo-1.0--py3-none-any.whl", "empty build tag at column 9")]
    [InlineData("foo-1.0-1+x-py3-none-any.whl", "character '+' is not allowed in a build tag (only ASCII letters, digits, '_' and '.') at column 10")]
    [InlineData("-1.0-py3-none-any.whl", "empty distribution name at column 1")]
    [InlineData("foo--py3-none-any.whl", "empty version at column 5")]
    [InlineData("foo-1.0..1-py3-none-any.whl", "INVALID_VERSION")]
    [InlineData("foo-1.0-py3--any.whl", "empty ABI in tag at column 13")]
    [InlineData("foo-1.0-py3.-none-any.whl", "empty interpreter in tag at column 13")]
    [InlineData("foo__bar-1.0-py3-none-any.whl", "'__' is not allowed in a distribution name (PEP 427 escapes each run of '-', '_', '.' as one '_') at column 4")]
    [InlineData("foo bar-1.0-py3-none-any.whl", "character ' ' is not allowed in a distribution name (only ASCII letters, digits, '_' and '.') at column 4")]
    public void RejectsInvalidNamesWithPositionAndProblem(string fileName, string expectedEnd)
    {
        var e = Assert.Throws<ParseException>(() => WheelFileName.Parse(fileName));
        if (expectedEnd == "INVALID_VERSION")
            Assert.StartsWith($"invalid wheel file name '{fileName}': invalid version '1.0..1': ", e.Message);
        else
            Assert.Equal($"invalid wheel file name '{fileName}': {expectedEnd}", e.Message);
        Assert.Equal("wheel file name", e.What);
    }
}
