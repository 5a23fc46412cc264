using EnvTool.Standards;

namespace EnvTool.Python;

/// <summary>What kind of thing a user named with <c>--python</c>.</summary>
public enum InterpreterRequestKind
{
    /// <summary>Nothing was asked: the default interpreter.</summary>
    Any,
    /// <summary>A file (or a venv / installation directory), absolute or relative to the working directory.</summary>
    Path,
    /// <summary>An executable name to look up on PATH, e.g. "python3.11".</summary>
    ExecutableName,
    /// <summary>An implementation and/or version, e.g. "3.11", "&gt;=3.10", "cpython@3.11", "cp311", "pypy".</summary>
    Version,
}

/// <summary>
/// A parsed <c>--python</c> value (or a <c>.python-version</c> line). Accepted forms:
/// a path (contains '/', or is "." / ".." / starts with "~"); a version "3", "3.11", "3.11.7", "3.13.0rc1";
/// a PEP 440 specifier set "&gt;=3.10,&lt;3.12"; an implementation with an optional version
/// "cpython", "cpython@3.11", "cpython@&gt;=3.10", "cpython3.11", "pypy3.10", "cp311", "pp310";
/// an executable name on PATH "python", "python3", "python3.11". Anything else is a <see cref="ParseException"/>.
/// </summary>
public sealed partial record InterpreterRequest
{
    public const string What = "Python request";

    private const string Forms =
        "expected a path, a version (3.11), a version specifier (>=3.10,<3.12), an implementation "
        + "(cpython@3.11, cp311, pypy3.10) or an executable name (python3.11)";

    /// <summary>Implementation names as <c>sys.implementation.name</c> reports them, with their tag abbreviations.</summary>
    private static readonly (string Name, string Short)[] Implementations =
        [("cpython", "cp"), ("pypy", "pp"), ("graalpy", "gp")];

    private InterpreterRequest(InterpreterRequestKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public static InterpreterRequest Any { get; } = new(InterpreterRequestKind.Any, "");

    public InterpreterRequestKind Kind { get; }
    /// <summary>What the user typed.</summary>
    public string Text { get; }
    /// <summary>For <see cref="InterpreterRequestKind.Path"/>: the path, with a leading "~" expanded.</summary>
    public string? Path { get; private init; }
    /// <summary>For <see cref="InterpreterRequestKind.ExecutableName"/>.</summary>
    public string? ExecutableName { get; private init; }
    /// <summary>For <see cref="InterpreterRequestKind.Version"/>: e.g. "cpython", or null for any implementation.</summary>
    public string? Implementation { get; private init; }
    /// <summary>For <see cref="InterpreterRequestKind.Version"/>: null when only an implementation was named.</summary>
    public PythonVersionRequest? Version { get; private init; }

    public override string ToString() => Kind == InterpreterRequestKind.Any ? "any Python" : Text;

    /// <summary>Whether an interpreter satisfies an implementation/version request (Any accepts all).</summary>
    public bool Matches(InterpreterInfo info) => Kind switch
    {
        InterpreterRequestKind.Any => true,
        InterpreterRequestKind.Version =>
            (Implementation is null || string.Equals(Implementation, info.Implementation, StringComparison.OrdinalIgnoreCase))
            && (Version is null || Version.Matches(info)),
        _ => throw new InvalidOperationException($"a {Kind} request is found by location, not matched against interpreters"),
    };

    public static InterpreterRequest Parse(string text)
    {
        if (text.Length == 0 || text.All(char.IsWhiteSpace))
            throw Error(text, 0, "it is empty");
        if (IsSpecifierStart(text))
            return VersionOf(text, null, Specifiers(text, 0));
        if (text.Contains('/') || text is "." or ".." || text.StartsWith('~'))
            return new InterpreterRequest(InterpreterRequestKind.Path, text) { Path = ExpandHome(text) };
        if (char.IsAsciiDigit(text[0]))
            return VersionOf(text, null, NumericVersion(text, 0));

        var word = 0;
        while (word < text.Length && char.IsAsciiLetter(text[word])) word++;
        if (word == 0)
            throw Error(text, 0, $"unexpected '{text[0]}'");
        var name = text[..word];
        var rest = word;

        foreach (var (impl, abbreviation) in Implementations)
        {
            if (name.Equals(impl, StringComparison.OrdinalIgnoreCase))
            {
                if (rest == text.Length) return VersionOf(text, impl, null);
                if (text[rest] == '@')
                {
                    if (rest + 1 == text.Length) throw Error(text, rest + 1, $"expected a version after '{name}@'");
                    return VersionOf(text, impl, IsSpecifierStart(text[(rest + 1)..])
                        ? Specifiers(text, rest + 1)
                        : NumericVersion(text, rest + 1));
                }
                if (char.IsAsciiDigit(text[rest])) return VersionOf(text, impl, NumericVersion(text, rest));
                throw Error(text, rest, $"expected '@' or a version after '{name}'");
            }
            if (name.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
                return VersionOf(text, impl, ShortVersion(text, rest, name));
        }

        if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
        {
            for (var i = rest; i < text.Length; i++)
                if (!(char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '-'))
                    throw Error(text, i, $"'{text[i]}' cannot appear in an executable name");
            return new InterpreterRequest(InterpreterRequestKind.ExecutableName, text) { ExecutableName = text };
        }
        throw Error(text, 0, $"unknown implementation or executable '{name}'");
    }

    private static InterpreterRequest VersionOf(string text, string? implementation, PythonVersionRequest? version) =>
        new(InterpreterRequestKind.Version, text) { Implementation = implementation, Version = version };

    private static bool IsSpecifierStart(string s) =>
        s.Length > 0 && (s[0] is '<' or '>' or '=' or '!' || s.StartsWith("~=", StringComparison.Ordinal));

    /// <summary>"3", "3.11", "3.11.7", "3.13.0rc1" starting at <paramref name="start"/> and running to the end.</summary>
    private static PythonVersionPrefix NumericVersion(string text, int start)
    {
        var numbers = new List<int>();
        var i = start;
        while (true)
        {
            var begin = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == begin) throw Error(text, i, i < text.Length ? $"expected a number, found '{text[i]}'" : "expected a number");
            if (!int.TryParse(text.AsSpan(begin, i - begin), out var n) || n > 10_000)
                throw Error(text, begin, "the number is too large");
            numbers.Add(n);
            if (i == text.Length) break;
            if (text[i] == '.' && numbers.Count < 3) { i++; continue; }
            if (numbers.Count == 3 && char.IsAsciiLetter(text[i])) break;
            throw Error(text, i, numbers.Count == 3 && text[i] == '.'
                ? "a Python version has at most three numbers"
                : $"unexpected '{text[i]}'");
        }
        string? pre = null;
        if (i < text.Length)
        {
            var kind = text.AsSpan(i).StartsWith("rc") ? "rc" : text[i] is 'a' or 'b' ? text[i].ToString() : null;
            if (kind is null) throw Error(text, i, $"expected a pre-release tag (a, b or rc), found '{text[i]}'");
            var digits = i + kind.Length;
            var end = digits;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end == digits) throw Error(text, digits, $"expected a number after '{kind}'");
            if (end != text.Length) throw Error(text, end, $"unexpected '{text[end]}'");
            pre = kind + int.Parse(text.AsSpan(digits, end - digits));
        }
        return new PythonVersionPrefix(numbers[0],
            numbers.Count > 1 ? numbers[1] : null,
            numbers.Count > 2 ? numbers[2] : null,
            pre);
    }

    /// <summary>The digits of a tag-style name: "cp311" is 3.11, "cp3" is 3 (major is one digit, as in wheel tags).</summary>
    private static PythonVersionPrefix ShortVersion(string text, int start, string abbreviation)
    {
        if (start == text.Length) throw Error(text, start, $"expected a version after '{abbreviation}', e.g. {abbreviation}311");
        for (var i = start; i < text.Length; i++)
            if (!char.IsAsciiDigit(text[i]))
                throw Error(text, i, $"expected only digits after '{abbreviation}', found '{text[i]}'");
        if (text.Length - start > 4) throw Error(text, start, "the version is too long");
        var major = text[start] - '0';
        return start + 1 == text.Length
            ? new PythonVersionPrefix(major)
            : new PythonVersionPrefix(major, int.Parse(text.AsSpan(start + 1)));
    }

    private static string ExpandHome(string path)
    {
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal)) return path;
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h
            ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home + path[1..];
    }

    internal static ParseException Error(string text, int position, string problem) =>
        new(What, text, position, problem, Forms);
}
