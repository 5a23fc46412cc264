using EnvTool.Standards;
using EnvTool.Standards.Names;

namespace EnvTool.Tests.Requirements;

public class PackageNameTests
{
    [Theory]
    [InlineData("Foo", "foo")]
    [InlineData("foo_bar", "foo-bar")]
    [InlineData("Foo.Bar-Baz_Qux", "foo-bar-baz-qux")]
    [InlineData("a__b..c--d", "a-b-c-d")]
    [InlineData("a._-b", "a-b")]
    [InlineData("1", "1")]
    [InlineData("zope.interface", "zope-interface")]
    public void Normalize_folds_separator_runs_and_case(string name, string normalized)
    {
        Assert.Equal(normalized, PackageName.Normalize(name));
        Assert.Equal(normalized, PackageName.Parse(name).Normalized);
        Assert.Equal(normalized, ExtraName.Parse(name));
    }

    [Fact]
    public void Equality_uses_the_normal_form_and_display_keeps_the_spelling()
    {
        var a = PackageName.Parse("Django_REST.framework");
        var b = PackageName.Parse("django-rest-framework");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal("Django_REST.framework", a.ToString());
        Assert.NotEqual(PackageName.Parse("django-rest"), a);
        Assert.Single(new HashSet<PackageName> { a, b });
    }

    [Fact]
    public void IsNormalized_is_true_only_for_valid_normal_forms()
    {
        Assert.True(PackageName.IsNormalized("foo-bar"));
        Assert.False(PackageName.IsNormalized("foo_bar"));
        Assert.False(PackageName.IsNormalized("Foo"));
        Assert.False(PackageName.IsNormalized("foo-"));
    }

    [Theory]
    [InlineData("", "cannot be empty")]
    [InlineData("-foo", "must start with a letter or digit")]
    [InlineData("foo_", "must end with a letter or digit")]
    [InlineData("foo.", "must end with a letter or digit")]
    [InlineData("foo bar", "' ' is not allowed")]
    [InlineData("fooé", "'é' is not allowed")]
    [InlineData("foo/bar", "'/' is not allowed")]
    public void Invalid_names_are_rejected_with_the_problem(string name, string problem)
    {
        var e = Assert.Throws<ParseException>(() => PackageName.Parse(name));
        Assert.Contains(problem, e.Message);
        Assert.Equal("package name", e.What);
        Assert.False(PackageName.TryParse(name, out _));
        Assert.False(ExtraName.TryParse(name, out _));
        Assert.Contains(problem, Assert.Throws<ParseException>(() => ExtraName.Parse(name)).Message);
    }

    [Fact]
    public void Error_position_points_at_the_bad_character()
    {
        var e = Assert.Throws<ParseException>(() => PackageName.Parse("abc$def"));
        Assert.Equal(3, e.Position);
        Assert.Contains("column 4", e.Message);
    }
}
