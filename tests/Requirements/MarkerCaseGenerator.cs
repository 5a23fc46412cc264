using System.Text;

namespace EnvTool.Tests.Requirements;

/// <summary>What a generated marker contains that some packaging releases treat differently.</summary>
internal sealed record GeneratedMarker(
    string Text,
    bool NonNormalizedExtraLiteral,
    bool QuoteInValue,
    bool UsesSetVariable,
    bool NonNormalizedSetLiteral,
    bool OddNotInSpacing,
    bool Mutated);

/// <summary>
/// Seeded random markers: every variable spelling, every operator, both operand orders, both quote
/// styles, nested and/or groups (some redundantly parenthesized), version-like and plain values.
/// A small share is mutated (a character dropped or inserted) to compare what counts as invalid.
/// </summary>
internal sealed class MarkerCaseGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] VersionVariables =
        ["python_version", "python_full_version", "implementation_version", "platform_release"];

    private static readonly string[] StringVariables =
    [
        "os_name", "os.name", "sys_platform", "sys.platform", "platform_system", "platform_machine", "platform.machine",
        "platform_version", "platform.version", "platform_python_implementation", "platform.python_implementation",
        "python_implementation", "implementation_name",
    ];

    private static readonly string[] VersionValues =
    [
        "3", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14", "2.7", "3.6", "3.9", "3.11.7", "3.8.10", "3.14.0rc2", "3.14.0c2",
        "3.10.14", "7.3.16", "7.3", "3.11.*", "3.*", "3.1*", "1!3.0", "3.11.7+local", "3.13.0a1", "3.12.0.post1", "3.12.dev0",
        " 3.8", "3.8 ", "v3.8", "abc", "", "6.1", "6.1.0-18-amd64", "23.4.0", "10", "6", "3.11.7local", "3.13.0", "3.12.1",
        "3.11.2", "3.10.13", "3.9.18", "3.7.16", "3.6.15", "3.8.18", "3.0.0", "4", "3.11.7.0", "03.011", "3.11-1",
    ];

    private static readonly string[] StringValues =
    [
        "posix", "nt", "linux", "win32", "darwin", "Linux", "Windows", "Darwin", "x86_64", "AMD64", "arm64", "aarch64",
        "CPython", "PyPy", "cpython", "pypy", "lin", "x86", "64", "", "java", "posix nt", "Debian", "#1 SMP", "cygwin",
        "it's", "say \"hi\"", "linux2", "Py", "on",
    ];

    private static readonly string[] ExtraValues =
        ["test", "Test", "foo", "Foo_Bar", "foo-bar", "foo.bar", "a_b", "", "docs", "tests", "FOO", "foo--bar", "x"];

    private static readonly string[] Operators = ["<", "<=", "==", "!=", ">=", ">", "~=", "===", "in", "not in"];

    private bool _nonNormalizedExtra, _quoteInValue, _usesSet, _nonNormalizedSet, _oddNotIn;

    public GeneratedMarker Next()
    {
        _nonNormalizedExtra = _quoteInValue = _usesSet = _nonNormalizedSet = _oddNotIn = false;
        var text = Expression(depth: 0);
        var mutated = false;
        if (_random.Next(20) == 0)
        {
            mutated = true;
            var at = _random.Next(text.Length + 1);
            text = _random.Next(2) == 0 && at < text.Length
                ? text.Remove(at, 1)
                : text.Insert(at, Pick(["(", ")", "'", "\"", "=", " ", "x", "and", ",", "<"]));
        }
        return new GeneratedMarker(text, _nonNormalizedExtra, _quoteInValue, _usesSet, _nonNormalizedSet, _oddNotIn, mutated);
    }

    private string Expression(int depth)
    {
        var terms = 1 + _random.Next(depth == 0 ? 4 : 3);
        var text = new StringBuilder();
        for (var i = 0; i < terms; i++)
        {
            if (i > 0) text.Append(Pick([" and ", " or ", " and ", " or ", "  and\t", "\tor  "]));
            text.Append(depth < 3 && _random.Next(4) == 0 ? Group(depth + 1) : Clause());
        }
        return text.ToString();
    }

    private string Group(int depth)
    {
        var inner = Expression(depth);
        var open = Pick(["(", "( ", "(\t"]);
        var close = Pick([")", " )"]);
        var group = open + inner + close;
        return _random.Next(6) == 0 ? "(" + group + ")" : group;
    }

    private string Clause()
    {
        string variable;
        string value;
        var kind = _random.Next(100);
        if (kind < 35)
        {
            variable = Pick(VersionVariables);
            value = _random.Next(10) < 8 ? Pick(VersionValues) : Pick(StringValues);
        }
        else if (kind < 75)
        {
            variable = Pick(StringVariables);
            value = _random.Next(10) < 8 ? Pick(StringValues) : Pick(VersionValues);
        }
        else if (kind < 97)
        {
            variable = "extra";
            value = _random.Next(10) < 8 ? Pick(ExtraValues) : Pick(VersionValues);
            if (value != EnvTool.Standards.Names.PackageName.Normalize(value)) _nonNormalizedExtra = true;
        }
        else
        {
            variable = Pick(["extras", "dependency_groups"]);
            value = Pick(ExtraValues);
            _usesSet = true;
        }
        if (value.Contains('"') || value.Contains('\'')) _quoteInValue = true;
        var quoted = value.Contains('\'') ? $"\"{value}\""
            : value.Contains('"') ? $"'{value}'"
            : _random.Next(2) == 0 ? $"\"{value}\"" : $"'{value}'";
        var op = Pick(Operators);
        if (op == "not in" && _random.Next(5) == 0)
        {
            op = Pick(["not  in", "not\tin"]);
            _oddNotIn = true;
        }
        var isWord = op.EndsWith("in", StringComparison.Ordinal);
        var before = isWord ? Pick([" ", "  ", "\t"]) : Pick(["", " ", " ", "  ", "\t"]);
        var after = isWord ? Pick([" ", "  ", "\t"]) : Pick(["", " ", " ", "  ", "\t"]);
        if (_random.Next(5) != 0) return variable + before + op + after + quoted;
        if (variable is "extras" or "dependency_groups" && value != EnvTool.Standards.Names.PackageName.Normalize(value))
            _nonNormalizedSet = true;
        return quoted + before + op + after + variable;
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
