using System.Text.RegularExpressions;

namespace EnvTool.Standards.Markers;

/// <summary>
/// A cursor over PEP 508 text (a requirement or a marker) that recognizes one token at a time,
/// with the token boundaries packaging's dependency-specifier tokenizer uses, so that what is valid
/// here is valid there. Every failure is a <see cref="ParseException"/> pointing at the bad spot.
/// </summary>
internal sealed partial class Pep508Reader
{
    // Marker variable spellings, mapped to the name the environment uses. The dotted names and
    // `python_implementation` are legacy spellings modern packaging still accepts and rewrites.
    private static readonly (string Spelling, string Name)[] Variables =
    [
        ("python_version", "python_version"),
        ("python_full_version", "python_full_version"),
        ("os_name", "os_name"),
        ("os.name", "os_name"),
        ("sys_platform", "sys_platform"),
        ("sys.platform", "sys_platform"),
        ("platform_release", "platform_release"),
        ("platform_system", "platform_system"),
        ("platform_version", "platform_version"),
        ("platform.version", "platform_version"),
        ("platform_machine", "platform_machine"),
        ("platform.machine", "platform_machine"),
        ("platform_python_implementation", "platform_python_implementation"),
        ("platform.python_implementation", "platform_python_implementation"),
        ("python_implementation", "platform_python_implementation"),
        ("implementation_name", "implementation_name"),
        ("implementation_version", "implementation_version"),
        ("extra", "extra"),
        ("extras", "extras"),
        ("dependency_groups", "dependency_groups"),
    ];

    internal const string VariableList =
        "python_version, python_full_version, os_name, sys_platform, platform_release, platform_system, " +
        "platform_version, platform_machine, platform_python_implementation, implementation_name, " +
        "implementation_version, extra";

    private readonly string _what;

    public Pep508Reader(string source, string what)
    {
        Source = source;
        _what = what;
    }

    public string Source { get; }
    public int Position { get; private set; }
    public bool AtEnd => Position >= Source.Length;

    public ParseException Error(string problem, int? position = null, string? hint = null) =>
        new(_what, Source, position ?? Position, problem, hint);

    /// <summary>Describes what stands at the cursor, for "expected X, found Y" messages.</summary>
    public string Found()
    {
        if (AtEnd) return "end of input";
        var end = Position;
        while (end < Source.Length && end - Position < 20 && Source[end] is not (' ' or '\t')) end++;
        return $"'{Source[Position..end]}'";
    }

    public void SkipWhitespace()
    {
        while (!AtEnd && Source[Position] is ' ' or '\t') Position++;
    }

    public bool Peek(char c) => !AtEnd && Source[Position] == c;

    public bool TryRead(char c)
    {
        if (!Peek(c)) return false;
        Position++;
        return true;
    }

    /// <summary>Reads <paramref name="word"/> when it stands at the cursor as a whole word (regex <c>\bword\b</c>).</summary>
    public bool TryReadWord(string word)
    {
        if (!IsBoundary(Position) || string.CompareOrdinal(Source, Position, word, 0, word.Length) != 0)
            return false;
        if (!IsBoundary(Position + word.Length)) return false;
        Position += word.Length;
        return true;
    }

    /// <summary>Reads a marker variable and returns its canonical name (legacy spellings rewritten).</summary>
    public bool TryReadVariable(out string name)
    {
        foreach (var (spelling, canonical) in Variables)
            if (TryReadWord(spelling))
            {
                name = canonical;
                return true;
            }
        name = "";
        return false;
    }

    /// <summary>
    /// Reads a single- or double-quoted string. PEP 508 strings have no escapes, so a backslash is
    /// refused rather than interpreted the way a Python literal would be.
    /// </summary>
    public bool TryReadQuotedString(out string value)
    {
        value = "";
        if (AtEnd || Source[Position] is not ('"' or '\'')) return false;
        var quote = Source[Position];
        var close = Source.IndexOf(quote, Position + 1);
        if (close < 0)
            throw Error($"unterminated string: no closing {quote} for the {quote} here");
        for (var i = Position + 1; i < close; i++)
        {
            if (Source[i] == '\\')
                throw Error("backslash escapes are not allowed in marker strings", i);
            if (char.IsControl(Source[i]))
                throw Error("control characters are not allowed in marker strings", i);
        }
        value = Source[(Position + 1)..close];
        Position = close + 1;
        return true;
    }

    /// <summary>Reads one of <c>=== == ~= != &lt;= &gt;= &lt; &gt;</c> (longest first).</summary>
    public bool TryReadComparisonOperator(out MarkerOperator op)
    {
        foreach (var candidate in MarkerOperators.Comparisons)
        {
            var text = candidate.Text();
            if (string.CompareOrdinal(Source, Position, text, 0, text.Length) == 0)
            {
                Position += text.Length;
                op = candidate;
                return true;
            }
        }
        op = default;
        return false;
    }

    /// <summary>
    /// Reads a name or extra name the way packaging's tokenizer does (<c>\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b</c>):
    /// the longest run of name characters that ends on a word boundary. Validation is the caller's.
    /// </summary>
    public bool TryReadIdentifier(out string text)
    {
        text = "";
        if (AtEnd || !char.IsAsciiLetterOrDigit(Source[Position]) || !IsBoundary(Position)) return false;
        var runEnd = Position + 1;
        while (runEnd < Source.Length && (char.IsAsciiLetterOrDigit(Source[runEnd]) || Source[runEnd] is '.' or '_' or '-'))
            runEnd++;
        for (var end = runEnd; end > Position; end--)
            if (IsBoundary(end))
            {
                text = Source[Position..end];
                Position = end;
                return true;
            }
        return false;
    }

    /// <summary>Reads one version specifier token (operator and version), e.g. <c>&gt;= 1.0</c> or <c>==1.*</c>.</summary>
    public bool TryReadSpecifier(out string text)
    {
        var match = SpecifierToken().Match(Source, Position);
        if (!match.Success || match.Length == 0)
        {
            text = "";
            return false;
        }
        text = match.Value;
        Position += match.Length;
        return true;
    }

    /// <summary>True when a ".*" wildcard follows a specifier the tokenizer could not extend with it.</summary>
    public bool AtWildcardTrail() => string.CompareOrdinal(Source, Position, ".*", 0, 2) == 0;

    /// <summary>True when a local version label ("+abc") follows a specifier whose operator forbids one.</summary>
    public bool AtLocalLabelTrail() => LocalLabelTrail().Match(Source, Position).Success;

    /// <summary>Reads a URL: everything up to the next space or tab.</summary>
    public bool TryReadUrl(out string url)
    {
        var end = Position;
        while (end < Source.Length && Source[end] is not (' ' or '\t')) end++;
        url = Source[Position..end];
        Position = end;
        return url.Length > 0;
    }

    /// <summary>The word at the cursor (letters, digits, '_' and '.'), for naming an unknown variable.</summary>
    public string WordAtCursor()
    {
        var end = Position;
        while (end < Source.Length && (char.IsLetterOrDigit(Source[end]) || Source[end] is '_' or '.')) end++;
        return Source[Position..end];
    }

    // Regex \b for str patterns: a change between word characters (Unicode alphanumerics and '_') and the rest.
    private bool IsBoundary(int position) => IsWordAt(position - 1) != IsWordAt(position);

    private bool IsWordAt(int i) =>
        i >= 0 && i < Source.Length && (char.IsLetterOrDigit(Source[i]) || Source[i] == '_');

    // The shape of one version specifier as packaging tokenizes it: which operator allows which
    // version forms ('===' takes anything up to whitespace, ';' or ')'; only '==' and '!=' take
    // wildcards and local labels; '~=' needs two release segments).
    [GeneratedRegex("""
        \G(?:
            (?: === \s* [^\s;)]* )
          | (?: (?:==|!=) \s* v? (?:[0-9]+!)? [0-9]+(?:\.[0-9]+)*
                (?: \.\*
                  | (?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?
                    (?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?
                    (?:[-_.]?dev[-_.]?[0-9]*)?
                    (?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?
                )? )
          | (?: ~= \s* v? (?:[0-9]+!)? [0-9]+(?:\.[0-9]+)+
                (?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?
                (?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?
                (?:[-_.]?dev[-_.]?[0-9]*)? )
          | (?: (?:<=|>=|<|>) \s* v? (?:[0-9]+!)? [0-9]+(?:\.[0-9]+)*
                (?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?
                (?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?
                (?:[-_.]?dev[-_.]?[0-9]*)? )
        )
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecifierToken();

    [GeneratedRegex(@"\G\+[a-z0-9]+(?:[-_.][a-z0-9]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex LocalLabelTrail();
}
