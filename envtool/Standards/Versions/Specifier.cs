using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace EnvTool.Standards.Versions;

/// <summary>
/// One PEP 440 version clause such as <c>&gt;=1.2</c>, <c>==1.4.*</c> or <c>~=2.2.post3</c>.
/// Matching follows PEP 440 and modern packaging: <c>==1.0</c> matches <c>1.0+abc</c>;
/// <c>&gt;1.7</c> excludes <c>1.7.post2</c> and <c>1.7+local</c>; <c>&lt;1.7</c> excludes
/// <c>1.7rc1</c>; <c>===</c> compares text, case-insensitively.
/// </summary>
public sealed class Specifier
{
    private static readonly string[] Operators = ["===", "~=", "==", "!=", "<=", ">=", "<", ">"];

    // The clause's version, parsed (the base of a wildcard); null only for "===" with non-PEP 440 text.
    private readonly Pep440Version? _version;
    private readonly bool _wildcard;
    private readonly bool _hasLocal;
    // Precomputed half-open bounds [_lower, _upper) for the operators that are plain ranges.
    private readonly Pep440Version? _lower;
    private readonly Pep440Version? _upper;

    private Specifier(string op, string versionText, ScannedVersion? scanned)
    {
        Operator = op;
        Version = versionText;
        if (scanned is not { } s)
        {
            if (Pep440Version.TryParse(versionText, out var arbitrary)) _version = arbitrary;
            return;
        }
        var v = s.ToVersion();
        _version = v;
        _wildcard = s.Wildcard;
        _hasLocal = s.Local is not null;
        var release = s.Release;
        switch (op)
        {
            case "==" or "!=" when _wildcard:
                _lower = v.WithRelease(release, dev: 0);
                _upper = v.WithRelease(NextPrefix(release, release.Length), dev: 0);
                break;
            case "~=":
                _lower = v;
                _upper = v.WithRelease(NextPrefix(release, release.Length - 1), dev: 0);
                break;
            case ">":
                // ">V" excludes V's post-releases and local variants; starting from the next dev (or
                // next post's .dev0) when V itself is a dev- (or post-) release says the same thing.
                if (v.Dev is { } dev) _lower = v.WithSuffix(v.Pre, v.Post, dev + 1);
                else if (v.Post is { } post) _lower = v.WithSuffix(v.Pre, post + 1, BigInteger.Zero);
                break;
            case "<":
                // "<V" for a final V excludes V's pre-releases: everything below V.dev0.
                _upper = v.IsPrerelease ? v : v.WithSuffix(null, v.Post, BigInteger.Zero);
                break;
        }
    }

    /// <summary>One of <c>==</c>, <c>!=</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>~=</c>, <c>===</c>.</summary>
    public string Operator { get; }

    /// <summary>The version text as written, without surrounding whitespace (may end in <c>.*</c>).</summary>
    public string Version { get; }

    /// <summary>
    /// Whether this clause names a pre-release (<c>&gt;=1.0b1</c>), which lets pre-releases match by
    /// default. <c>!=</c> and wildcard clauses never do.
    /// </summary>
    public bool AllowsPrereleases =>
        Operator != "!=" && !_wildcard && _version is { IsPrerelease: true };

    public static Specifier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, 0, text.Length, out var specifier, out var error))
            throw new ParseException("version specifier", text, error.Position, error.Problem);
        return specifier!;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out Specifier? specifier)
    {
        if (text is not null && TryParse(text, 0, text.Length, out specifier, out _)) return true;
        specifier = null;
        return false;
    }

    /// <summary>Parses the clause in text[start, end); errors point into the whole text.</summary>
    internal static bool TryParse(string text, int start, int end, [NotNullWhen(true)] out Specifier? specifier, out ScanError error)
    {
        specifier = null;
        PythonText.Trim(text, ref start, ref end);
        if (start == end)
        {
            error = new(start, "expected a version specifier (an operator and a version), found nothing");
            return false;
        }
        string? op = null;
        foreach (var candidate in Operators)
            if (string.CompareOrdinal(text, start, candidate, 0, candidate.Length) == 0)
            {
                op = candidate;
                break;
            }
        if (op is null)
        {
            error = new(start, "expected a comparison operator (==, !=, <=, >=, <, >, ~= or ===)");
            return false;
        }
        int p = start + op.Length;

        if (op == "===")
        {
            // Arbitrary equality: any text up to whitespace, ';' or ')' (packaging's rule).
            while (p < end && PythonText.IsSpace(text[p])) p++;
            int q = p;
            while (q < end && !PythonText.IsSpace(text[q]) && text[q] is not ';' and not ')') q++;
            if (q != end)
            {
                error = new(q, $"unexpected '{text[q]}': the version of '===' cannot contain whitespace, ';' or ')'");
                return false;
            }
            specifier = new Specifier(op, text.Substring(p, end - p), null);
            error = default;
            return true;
        }

        var syntax = VersionSyntax.InSpecifier | op switch
        {
            "==" or "!=" => VersionSyntax.AllowLocal | VersionSyntax.AllowWildcard,
            "~=" => VersionSyntax.RequireTwoReleaseNumbers,
            _ => VersionSyntax.Version,
        };
        if (!VersionScanner.TryScan(text, p, end, syntax, out var scanned, out error)) return false;
        while (p < end && PythonText.IsSpace(text[p])) p++;
        specifier = new Specifier(op, text.Substring(p, end - p), scanned);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies this clause. <paramref name="prereleases"/>:
    /// false rejects every pre-release; true or null (the default) accept a pre-release that
    /// matches, as modern packaging does for a single candidate. To choose among many candidates
    /// with PEP 440's pre-release rule, use <see cref="SpecifierSet.Filter"/>.
    /// </summary>
    public bool Contains(Pep440Version version, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (prereleases == false && version.IsPrerelease) return false;
        return Matches(version);
    }

    /// <summary>
    /// Like <see cref="Contains(Pep440Version, bool?)"/> for version text. Text that is not a PEP 440
    /// version only matches a <c>===</c> clause with the same text (ignoring case).
    /// </summary>
    public bool Contains(string version, bool? prereleases = null)
    {
        ArgumentNullException.ThrowIfNull(version);
        Pep440Version.TryParse(version, out var parsed);
        if (prereleases == false && parsed is { IsPrerelease: true }) return false;
        if (Operator == "===") return MatchesArbitrary(version);
        return parsed is not null && Matches(parsed);
    }

    /// <summary>The clause's test on a parsed version, before any pre-release policy.</summary>
    internal bool Matches(Pep440Version v)
    {
        var spec = _version!;
        switch (Operator)
        {
            case "==" when _wildcard: return v >= _lower! && v < _upper!;
            case "!=" when _wildcard: return !(v >= _lower! && v < _upper!);
            case "==": return _hasLocal ? v == spec : Pep440Version.ComparePublic(v, spec) == 0;
            case "!=": return _hasLocal ? v != spec : Pep440Version.ComparePublic(v, spec) != 0;
            case "<=": return Pep440Version.ComparePublic(v, spec) <= 0;
            case ">=": return v >= spec;
            case "~=": return v >= _lower! && v < _upper!;
            case "<": return v < _upper!;
            case ">":
                if (_lower is not null) return v >= _lower;
                // Above V, but not V's own post-releases or local variants.
                return v > spec && !(v.SameRelease(spec) && v.Pre == spec.Pre);
            default: return MatchesArbitrary(v.ToString());
        }
    }

    /// <summary>The <c>===</c> test: the same text, ignoring case.</summary>
    internal bool MatchesArbitrary(string text) =>
        string.Equals(text.ToLowerInvariant(), Version.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>
    /// Identity for de-duplication in a set, as packaging defines it: the normalized version, with
    /// trailing zeros dropped except for <c>~=</c> (where <c>~=1.0</c> and <c>~=1.0.0</c> differ);
    /// wildcard and <c>===</c> clauses compare by their text.
    /// </summary>
    internal string CanonicalKey =>
        Operator == "===" || _wildcard
            ? Operator + Version
            : Operator + (Operator == "~=" ? _version!.ToString() : _version!.WithoutTrailingZeros().ToString());

    public override string ToString() => Operator + Version;

    /// <summary>The release with its last <paramref name="length"/>-th number incremented and the rest cut off: (1, 4, 5), 2 gives (1, 5).</summary>
    private static BigInteger[] NextPrefix(BigInteger[] release, int length)
    {
        var next = release[..length];
        next[length - 1] += 1;
        return next;
    }
}
