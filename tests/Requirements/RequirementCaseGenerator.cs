using System.Text;

namespace EnvTool.Tests.Requirements;

/// <summary>What a generated requirement contains that some packaging releases treat differently.</summary>
internal sealed record GeneratedRequirement(
    string Text,
    GeneratedMarker? Marker,
    bool HasUrl,
    bool RelativeOrOddUrl,
    bool TrailingComma,
    bool EmptyParentheses,
    bool NonPep440Specifier,
    bool HasTab,
    bool ArbitraryEquality,
    bool EqualClausesSpelledDifferently,
    bool Mutated);

/// <summary>
/// Seeded random requirements: names of every shape (valid, trailing separators, odd characters),
/// extras lists, version specifiers with and without parentheses, URLs, markers, whitespace
/// variations, and a share of mutated strings.
/// </summary>
internal sealed class RequirementCaseGenerator(int seed)
{
    private readonly Random _random = new(seed);
    private readonly MarkerCaseGenerator _markers = new(seed + 1);

    private static readonly string[] Names =
    [
        "foo", "Foo", "foo-bar", "foo_bar", "Foo.Bar", "a", "1", "zope.interface", "Django", "requests", "x1",
        "foo__bar", "foo-_.bar", "foo_", "foo-", "foo.", "_foo", "-foo", "fooé", "foo$", "f",
    ];

    private static readonly string[] ExtraNames =
        ["security", "Tests", "a_b", "A.B", "socks", "x", "bar_", "bar-", "dev", "TEST-extra", "é"];

    private static readonly string[] Pep440Specifiers =
    [
        ">=1.0", "<2", "==1.0.*", "!=1.3.*", "~=1.4.2", "===foo", "==1.0+local", ">1.0a1", "<=2.0.post1", ">=v1.0",
        ">= 1.0", "== 2.0", "~=2.2", "!=1.0", "<3.0.dev0", "==1!2.0", ">=1.0rc1", "===1.0", "==1.0",
    ];

    private static readonly string[] BadSpecifiers = [">=1.0.*", "~=1", "==1.0a1.*", ">=1.0+local", "=>1.0", "==", ">=abc", "<>1"];

    private static readonly string[] Urls =
    [
        "https://example.com/foo-1.0.tar.gz", "file:///tmp/foo-1.0-py3-none-any.whl",
        "git+https://example.org/repo.git@v1.0#egg=foo", "https://example.com/a.whl#sha256=abc",
    ];

    private static readonly string[] OddUrls = ["./relative/path", "foo", "file:/tmp/x", "https://example.com/x;y"];

    public GeneratedRequirement Next()
    {
        var text = new StringBuilder();
        bool hasUrl = false, oddUrl = false, trailingComma = false, emptyParens = false, nonPep440 = false;
        GeneratedMarker? marker = null;

        text.Append(Pick(["", "", "", " ", "\t"]));
        var name = Pick(Names);
        text.Append(name);
        text.Append(Pick(["", "", " "]));

        if (_random.Next(3) == 0)
        {
            var count = _random.Next(4);
            var extras = Enumerable.Range(0, count).Select(_ => Pick(ExtraNames)).ToList();
            text.Append('[').Append(Pick(["", " "]))
                .AppendJoin(Pick([",", ", ", " ,"]), extras)
                .Append(Pick(["", " "])).Append(']');
        }

        if (_random.Next(5) == 0)
        {
            hasUrl = true;
            var url = _random.Next(5) == 0 ? Pick(OddUrls) : Pick(Urls);
            oddUrl = Array.IndexOf(OddUrls, url) >= 0;
            text.Append(Pick([" @ ", "@", " @", "@ "])).Append(url);
            if (_random.Next(2) == 0)
            {
                marker = _markers.Next();
                text.Append(Pick([" ; ", " ;", "  ;"])).Append(marker.Text);
            }
        }
        else
        {
            var count = _random.Next(4);
            var specifiers = new List<string>();
            for (var i = 0; i < count; i++)
            {
                if (_random.Next(10) == 0)
                {
                    specifiers.Add(Pick(BadSpecifiers));
                    nonPep440 = true;
                }
                else specifiers.Add(Pick(Pep440Specifiers));
            }
            var list = string.Join(Pick([",", ", ", " , "]), specifiers);
            if (count > 0 && _random.Next(15) == 0)
            {
                list += ",";
                trailingComma = true;
            }
            var parenthesized = _random.Next(4) == 0;
            emptyParens = parenthesized && count == 0;
            text.Append(parenthesized ? Pick(["(", " (", " ( "]) + list + Pick([")", " )"]) : Pick(["", " "]) + list);
            if (_random.Next(2) == 0)
            {
                marker = _markers.Next();
                text.Append(Pick([";", "; ", " ; ", " ;"])).Append(marker.Text);
            }
        }
        text.Append(Pick(["", "", "", " "]));

        var result = text.ToString();
        var mutated = false;
        if (_random.Next(10) == 0)
        {
            mutated = true;
            var at = _random.Next(result.Length + 1);
            result = _random.Next(2) == 0 && at < result.Length
                ? result.Remove(at, 1)
                : result.Insert(at, Pick(["[", "]", "(", ")", ",", ";", "@", " ", "=", "'"]));
        }
        var specifierPart = hasUrl ? "" : result.Split(';')[0];
        var clauses = specifierPart.Split(',').Select(c => c.Replace(" ", "").TrimEnd(')')).ToList();
        var equalClausesSpelledDifferently = clauses.Any(c => c.EndsWith(">=v1.0")) && clauses.Any(c => c.EndsWith(">=1.0"));
        return new GeneratedRequirement(result, marker, hasUrl, oddUrl, trailingComma, emptyParens, nonPep440,
            result.Contains('\t'), specifierPart.Contains("==="), equalClausesSpelledDifferently, mutated);
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
