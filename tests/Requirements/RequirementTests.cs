using EnvTool.Standards.Requirements;

namespace EnvTool.Tests.Requirements;

public class RequirementTests
{
    [Fact]
    public void All_parts_are_parsed()
    {
        var r = Requirement.Parse(" Foo.Bar [ Security , Tests_Extra,security ] (>= 1.0, <2) ; python_version >= '3.8' and extra == 'X_Y' ");
        Assert.Equal("Foo.Bar", r.Name.Original);
        Assert.Equal("foo-bar", r.Name.Normalized);
        Assert.Equal(["security", "tests-extra"], r.Extras);
        Assert.Null(r.Url);
        Assert.NotNull(r.Marker);
        Assert.Equal("python_version >= \"3.8\" and extra == \"x-y\"", r.Marker!.ToString());
        Assert.True(r.Marker.ReferencesExtra);
    }

    [Fact]
    public void Url_requirements_keep_the_url_and_need_a_space_before_the_marker()
    {
        var r = Requirement.Parse("pkg[a] @ https://example.com/pkg-1.0.tar.gz ; os_name == 'posix'");
        Assert.Equal("https://example.com/pkg-1.0.tar.gz", r.Url);
        Assert.Equal("pkg[a] @ https://example.com/pkg-1.0.tar.gz ; os_name == \"posix\"", r.ToString());

        // Without whitespace the ';' belongs to the URL.
        var glued = Requirement.Parse("pkg @ file:///tmp/x;y");
        Assert.Equal("file:///tmp/x;y", glued.Url);
        Assert.Null(glued.Marker);
    }

    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("foo[]", "foo")]
    [InlineData("foo()", "foo")]
    [InlineData("Foo[B,a]<2,>=1;os_name=='nt'", "Foo[a,b]<2,>=1; os_name == \"nt\"")]
    [InlineData("foo @ https://example.com/x.whl", "foo @ https://example.com/x.whl")]
    public void ToString_matches_packaging(string text, string expected) =>
        Assert.Equal(expected, Requirement.Parse(text).ToString());
}
