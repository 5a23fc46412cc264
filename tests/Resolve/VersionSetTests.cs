using EnvTool.Resolve.Ranges;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Resolve;

/// <summary>
/// The range algebra against <see cref="SpecifierSet.Contains(Pep440Version, bool?)"/>, the reference within our
/// own code: for many generated specifiers and versions, a specifier's range contains exactly the versions the
/// specifier matches, and intersection, union, complement and containment agree with the boolean operations.
/// </summary>
public sealed class VersionSetTests
{
    private static readonly string[] Releases = ["0.9", "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2", "1.2.3", "1.10", "2", "2.0.0.1", "3.0", "1!1.0"];
    private static readonly string[] Suffixes = ["", "a1", "b2", "rc1", ".dev0", ".dev3", "a1.dev1", ".post0", ".post1", ".post1.dev2", "rc1.post1", "+local", "+1.abc", ".post1+x", "a1+x"];
    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">=", "~="];

    private static readonly List<Pep440Version> Versions =
        Releases.SelectMany(r => Suffixes.Select(s => Pep440Version.Parse(r + s))).ToList();

    private static IEnumerable<Specifier> GeneratedSpecifiers()
    {
        foreach (var op in Operators)
            foreach (var r in Releases)
                foreach (var s in Suffixes)
                {
                    if (s.Contains('+') && op is not ("==" or "!=")) continue;
                    if (op == "~=" && !r.Contains('.')) continue;
                    yield return Specifier.Parse(op + r + s);
                }
        foreach (var r in Releases)
        {
            yield return Specifier.Parse("==" + r + ".*");
            yield return Specifier.Parse("!=" + r + ".*");
        }
        yield return Specifier.Parse("===1.0");
        yield return Specifier.Parse("===1.0.0");
        yield return Specifier.Parse("===1.0a1");
    }

    [Fact]
    public void Each_specifier_range_contains_exactly_the_versions_it_matches()
    {
        int cases = 0;
        var disagreements = new List<string>();
        foreach (var spec in GeneratedSpecifiers())
        {
            var set = VersionSet.From(SpecifierSet.Parse(spec.ToString()));
            foreach (var v in Versions)
            {
                cases++;
                // "===" compares text, which a range cannot: it becomes the one version its text parses to, so
                // "===1.0" also takes "1.0.0" (an index never offers both as different versions).
                bool expected = spec.Operator == "===" ? v == Pep440Version.Parse(spec.Version) : spec.Contains(v);
                if (set.Contains(v) != expected) disagreements.Add($"{spec} {v}: range says {set.Contains(v)}");
            }
        }
        Assert.True(cases > 100_000, $"only {cases} cases");
        Assert.Empty(disagreements.Take(20));
    }

    [Fact]
    public void Set_operations_agree_with_boolean_operations_on_every_version()
    {
        var specs = GeneratedSpecifiers().Where((_, i) => i % 7 == 0).Select(s => VersionSet.From(SpecifierSet.Parse(s.ToString()))).ToList();
        var random = new Random(440);
        var disagreements = new List<string>();
        for (int n = 0; n < 3000; n++)
        {
            var a = specs[random.Next(specs.Count)];
            var b = specs[random.Next(specs.Count)];
            if (random.Next(3) == 0) a = a.Union(specs[random.Next(specs.Count)]);
            var (and, or, notA, minus) = (a.Intersect(b), a.Union(b), a.Complement(), a.Minus(b));
            bool subset = a.IsSubsetOf(b);
            foreach (var v in Versions)
            {
                bool inA = a.Contains(v), inB = b.Contains(v);
                if (and.Contains(v) != (inA && inB)) disagreements.Add($"({a}) & ({b}) at {v}");
                if (or.Contains(v) != (inA || inB)) disagreements.Add($"({a}) | ({b}) at {v}");
                if (notA.Contains(v) == inA) disagreements.Add($"~({a}) at {v}");
                if (minus.Contains(v) != (inA && !inB)) disagreements.Add($"({a}) - ({b}) at {v}");
                if (subset && inA && !inB) disagreements.Add($"({a}) <= ({b}) but {v}");
            }
            Assert.True(notA.Complement().Equals(a), $"double complement of {a}");
            Assert.Equal(and.IsEmpty, a.IsDisjointFrom(b));
        }
        Assert.Empty(disagreements.Take(20));
    }

    [Theory]
    [InlineData(">=1.0,<2.0", ">=1.0,<2.0")]
    [InlineData("==1.0", "==1.0")]
    [InlineData("==1.0+abc", "==1.0+abc")]
    [InlineData("!=1.5", "!=1.5")]
    [InlineData("==1.2.*", "==1.2.*")]
    [InlineData("~=1.4.5", ">=1.4.5,<1.5")]
    [InlineData("<=2", "<=2")]
    [InlineData(">1.0", ">1.0")]
    [InlineData("<1.0,>2.0", "no version of")]
    [InlineData("", "")]
    public void Describes_ranges_as_specifiers(string specifiers, string expected)
    {
        var text = VersionSet.From(SpecifierSet.Parse(specifiers)).ToString();
        Assert.Equal(expected, text.Trim());
    }

    [Fact]
    public void Describes_unions_and_the_full_set_with_the_name()
    {
        var set = VersionSet.From(SpecifierSet.Parse("<1.0")).Union(VersionSet.From(SpecifierSet.Parse(">=2.0")));
        Assert.Equal("a<1.0 or >=2.0", set.Describe("a"));
        Assert.Equal("a", VersionSet.Full.Describe("a"));
    }

    [Fact]
    public void Greater_than_excludes_post_releases_and_local_variants()
    {
        var set = VersionSet.From(SpecifierSet.Parse(">1.2.3"));
        Assert.False(set.Contains(Pep440Version.Parse("1.2.3+foo")));
        Assert.False(set.Contains(Pep440Version.Parse("1.2.3.post1")));
        Assert.False(set.Contains(Pep440Version.Parse("1.2.3.post1+local")));
        Assert.True(set.Contains(Pep440Version.Parse("1.2.4.dev0")));
        Assert.True(set.Contains(Pep440Version.Parse("1.2.3.0.1")));
    }
}
