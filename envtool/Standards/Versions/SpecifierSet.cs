using System.Diagnostics.CodeAnalysis;

namespace EnvTool.Standards.Versions;

/// <summary>
/// Comma-separated version clauses that must all hold, like <c>&gt;=1.0, !=1.3.*, &lt;2</c>.
/// An empty or blank text is the set that matches every version. Unlike packaging, an empty
/// clause (<c>&gt;=1.0,</c>) is an error: it is almost always a typo.
/// </summary>
public sealed class SpecifierSet
{
    private readonly Specifier[] _specifiers;

    private SpecifierSet(Specifier[] specifiers) => _specifiers = specifiers;

    /// <summary>The set with no clauses, which matches everything.</summary>
    public static SpecifierSet Empty { get; } = new([]);

    /// <summary>The clauses, sorted by their text and without duplicates (as <see cref="ToString"/> lists them).</summary>
    public IReadOnlyList<Specifier> Specifiers => _specifiers;

    /// <summary>Whether some clause names a pre-release, so pre-releases match by default.</summary>
    public bool AllowsPrereleases => _specifiers.Any(s => s.AllowsPrereleases);

    public static SpecifierSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, 0, text.Length, out var set, out var error))
            throw new ParseException("version specifier", text, error.Position, error.Problem);
        return set!;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SpecifierSet? set)
    {
        if (text is not null && TryParse(text, 0, text.Length, out set, out _)) return true;
        set = null;
        return false;
    }

    /// <summary>Parses the set in text[start, end); errors point into the whole text (for callers parsing a larger line).</summary>
    internal static bool TryParse(string text, int start, int end, [NotNullWhen(true)] out SpecifierSet? set, out ScanError error)
    {
        set = null;
        int s = start, e = end;
        PythonText.Trim(text, ref s, ref e);
        if (s == e)
        {
            set = Empty;
            error = default;
            return true;
        }
        var clauses = new List<Specifier>();
        int clauseStart = start;
        while (true)
        {
            int comma = text.IndexOf(',', clauseStart, end - clauseStart);
            int clauseEnd = comma < 0 ? end : comma;
            int a = clauseStart, b = clauseEnd;
            PythonText.Trim(text, ref a, ref b);
            if (a == b)
            {
                string where = clauseStart == start ? "before the first ','" : comma < 0 ? "after the last ','" : "between two commas";
                error = new(clauseStart, $"empty specifier {where}");
                return false;
            }
            if (!Specifier.TryParse(text, a, b, out var clause, out error)) return false;
            clauses.Add(clause!);
            if (comma < 0) break;
            clauseStart = comma + 1;
        }
        set = new SpecifierSet(Canonicalize(clauses));
        error = default;
        return true;
    }

    /// <summary>Sorts by text, then keeps the first of clauses that mean the same (packaging's order and choice).</summary>
    private static Specifier[] Canonicalize(List<Specifier> clauses)
    {
        clauses.Sort((x, y) => string.CompareOrdinal(x.ToString(), y.ToString()));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return clauses.Where(c => seen.Add(c.CanonicalKey)).ToArray();
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies every clause. <paramref name="prereleases"/>
    /// false rejects pre-releases; null and true accept one that matches (one candidate on its own
    /// has no final release competing with it). Use <see cref="Filter"/> to pick among candidates.
    /// </summary>
    public bool Contains(Pep440Version version, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (prereleases == false && version.IsPrerelease) return false;
        foreach (var s in _specifiers)
            if (!s.Matches(version)) return false;
        return true;
    }

    /// <summary>
    /// Like <see cref="Contains(Pep440Version, bool?)"/> for text; text that is not a PEP 440 version
    /// can only satisfy <c>===</c> clauses (and the empty set).
    /// </summary>
    public bool Contains(string version, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        Pep440Version.TryParse(version, out var parsed);
        if (prereleases == false && parsed is { IsPrerelease: true }) return false;
        foreach (var s in _specifiers)
        {
            bool ok = s.Operator == "===" ? s.MatchesArbitrary(version) : parsed is not null && s.Matches(parsed);
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// The candidates that satisfy every clause, in their order, with PEP 440's pre-release rule:
    /// pre-releases are kept when <paramref name="prereleases"/> is true, or when it is null and a
    /// clause names a pre-release; with null otherwise they are kept only if no final release
    /// matches. False drops them always.
    /// </summary>
    public IEnumerable<Pep440Version> Filter(IEnumerable<Pep440Version> candidates, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (prereleases is null && AllowsPrereleases) prereleases = true;
        return prereleases is null ? FilterPreferringFinals(candidates) : FilterWith(candidates, prereleases.Value);
    }

    private IEnumerable<Pep440Version> FilterWith(IEnumerable<Pep440Version> candidates, bool prereleases)
    {
        foreach (var v in candidates)
            if (Contains(v, prereleases)) yield return v;
    }

    private IEnumerable<Pep440Version> FilterPreferringFinals(IEnumerable<Pep440Version> candidates)
    {
        List<Pep440Version>? held = null;
        bool foundFinal = false;
        foreach (var v in candidates)
        {
            if (!Contains(v)) continue;
            if (!v.IsPrerelease)
            {
                foundFinal = true;
                yield return v;
            }
            else if (!foundFinal)
                (held ??= []).Add(v);
        }
        if (!foundFinal && held is not null)
            foreach (var v in held) yield return v;
    }

    public override string ToString() => string.Join(',', _specifiers.Select(s => s.ToString()));
}
