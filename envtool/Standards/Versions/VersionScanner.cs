using System.Globalization;
using System.Numerics;

namespace EnvTool.Standards.Versions;

/// <summary>What a version text may contain where it is scanned.</summary>
[Flags]
internal enum VersionSyntax
{
    /// <summary>A bare version: local labels allowed, wildcards not.</summary>
    Version = 0,
    /// <summary>Inside a specifier (changes the wording of errors about wildcards).</summary>
    InSpecifier = 1,
    AllowLocal = 2,
    AllowWildcard = 4,
    /// <summary><c>~=</c> needs at least two release numbers.</summary>
    RequireTwoReleaseNumbers = 8,
}

/// <summary>The parts of a scanned version, not yet normalized into a <see cref="Pep440Version"/>.</summary>
internal readonly record struct ScannedVersion(
    int Epoch,
    BigInteger[] Release,
    PreRelease? Pre,
    BigInteger? Post,
    BigInteger? Dev,
    LocalSegment[]? Local,
    bool Wildcard)
{
    public Pep440Version ToVersion() => new(Epoch, Release, Pre, Post, Dev, Local);
}

/// <summary>Where and why scanning failed; turned into a <see cref="ParseException"/> only by callers that throw.</summary>
internal readonly record struct ScanError(int Position, string Problem);

/// <summary>
/// A hand-written scanner for the PEP 440 grammar (the language of packaging's VERSION_PATTERN,
/// ASCII letters, case-insensitive, surrounding whitespace ignored). Greedy choices are safe: no
/// input needs backtracking, because every optional separator is optional again in the next segment.
/// On failure it names the problem at the exact spot rather than "does not match".
/// </summary>
internal static class VersionScanner
{
    // Longest spelling first, so "preview" is not read as "pre" + "view".
    private static readonly (string Spelling, string Kind)[] PreLabels =
    [
        ("preview", "rc"), ("alpha", "a"), ("beta", "b"), ("pre", "rc"), ("rc", "rc"), ("a", "a"), ("b", "b"), ("c", "rc"),
    ];

    private static readonly string[] PostLabels = ["post", "rev", "r"];

    private const string SuffixExpectation =
        "expected a pre-release (a, b, rc), post-release (post), dev-release (dev) or local (+label) segment";

    public static bool TryScan(string text, int start, int end, VersionSyntax syntax, out ScannedVersion version, out ScanError error)
    {
        version = default;
        PythonText.Trim(text, ref start, ref end);
        int p = start;
        if (p == end)
        {
            error = new(p, (syntax & VersionSyntax.InSpecifier) != 0 ? "expected a version after the operator" : "expected a version, found nothing");
            return false;
        }
        if (text[p] is 'v' or 'V') p++;
        if (p == end || !PythonText.IsDigit(text[p]))
        {
            error = new(p, p == end ? "expected a release number after 'v'" : $"expected a release number, found {Describe(text, p, end)}");
            return false;
        }

        int releaseStart = p;
        var first = ScanNumber(text, ref p, end);
        int epoch = 0;
        if (p < end && text[p] == '!')
        {
            if (first > int.MaxValue)
            {
                error = new(releaseStart, $"epoch {first} is too large (at most {int.MaxValue})");
                return false;
            }
            epoch = (int)first;
            p++;
            if (p == end || !PythonText.IsDigit(text[p]))
            {
                error = new(p, "expected a release number after the epoch '!'");
                return false;
            }
            releaseStart = p;
            first = ScanNumber(text, ref p, end);
        }
        var release = new List<BigInteger>(4) { first };
        while (p + 1 < end && text[p] == '.' && PythonText.IsDigit(text[p + 1]))
        {
            p++;
            release.Add(ScanNumber(text, ref p, end));
        }

        bool wildcard = false;
        PreRelease? pre = null;
        BigInteger? post = null, dev = null;
        List<LocalSegment>? local = null;

        if (p + 1 < end && text[p] == '.' && text[p + 1] == '*' && (syntax & VersionSyntax.AllowWildcard) != 0)
        {
            wildcard = true;
            p += 2;
            if (p != end)
            {
                error = new(p, "a '.*' wildcard must end the version");
                return false;
            }
        }
        else
        {
            int q = SkipSeparator(text, p, end);
            if (MatchPreLabel(text, q, end, out var kind, out int length))
            {
                p = SkipSeparator(text, q + length, end);
                pre = new PreRelease(kind, ScanOptionalNumber(text, ref p, end));
            }

            if (p + 1 < end && text[p] == '-' && PythonText.IsDigit(text[p + 1]))
            {
                p++;
                post = ScanNumber(text, ref p, end);
            }
            else
            {
                q = SkipSeparator(text, p, end);
                if (MatchLabel(text, q, end, PostLabels, out length))
                {
                    p = SkipSeparator(text, q + length, end);
                    post = ScanOptionalNumber(text, ref p, end);
                }
            }

            q = SkipSeparator(text, p, end);
            if (MatchLabel(text, q, end, ["dev"], out length))
            {
                p = SkipSeparator(text, q + length, end);
                dev = ScanOptionalNumber(text, ref p, end);
            }

            if (p < end && text[p] == '+')
            {
                if ((syntax & VersionSyntax.AllowLocal) == 0)
                {
                    error = new(p, "a local version label ('+...') is only allowed with the == and != operators");
                    return false;
                }
                p++;
                local = new List<LocalSegment>(2);
                while (true)
                {
                    if (p == end || !PythonText.IsAlphaNumeric(text[p]))
                    {
                        error = new(p, local.Count == 0
                            ? "expected a local version label after '+'"
                            : $"expected a letter or digit after '{text[p - 1]}' in the local version label");
                        return false;
                    }
                    int segmentStart = p;
                    bool allDigits = true;
                    while (p < end && PythonText.IsAlphaNumeric(text[p]))
                    {
                        allDigits &= PythonText.IsDigit(text[p]);
                        p++;
                    }
                    local.Add(allDigits
                        ? LocalSegment.FromNumber(ParseDigits(text, segmentStart, p - segmentStart))
                        : LocalSegment.FromText(text.Substring(segmentStart, p - segmentStart).ToLowerInvariant()));
                    if (p < end && PythonText.IsSeparator(text[p])) p++;
                    else break;
                }
            }

            if (p != end)
            {
                error = DescribeLeftover(text, p, end, syntax, pre is not null, post is not null, dev is not null);
                return false;
            }
        }

        if ((syntax & VersionSyntax.RequireTwoReleaseNumbers) != 0 && release.Count < 2)
        {
            error = new(releaseStart, "the ~= operator needs at least two release numbers (like ~=1.0)");
            return false;
        }

        version = new ScannedVersion(epoch, release.ToArray(), pre, post, dev, local?.ToArray(), wildcard);
        error = default;
        return true;
    }

    /// <summary>Names what went wrong where the grammar stopped matching.</summary>
    private static ScanError DescribeLeftover(string text, int p, int end, VersionSyntax syntax, bool hasPre, bool hasPost, bool hasDev)
    {
        char c = text[p];
        if (PythonText.IsSpace(c)) return new(p, "unexpected whitespace inside the version");
        int q = PythonText.IsSeparator(c) ? p + 1 : p;

        if (MatchPreLabel(text, q, end, out _, out _))
            return new(p, hasPost || hasDev
                ? "a pre-release segment must come before the post-release and dev-release segments"
                : "only one pre-release segment is allowed");
        if (MatchLabel(text, q, end, PostLabels, out _) || (c == '-' && q < end && PythonText.IsDigit(text[q])))
            return new(p, hasDev
                ? "a post-release segment must come before the dev-release segment"
                : "only one post-release segment is allowed");
        if (MatchLabel(text, q, end, ["dev"], out _))
            return new(p, "only one dev-release segment is allowed");

        bool star = c == '*' || (c == '.' && q < end && text[q] == '*');
        if (star)
        {
            if ((syntax & VersionSyntax.InSpecifier) == 0)
                return new(p, "a version cannot contain a '*' wildcard (wildcards belong in == and != specifiers)");
            return new(p, (syntax & VersionSyntax.AllowWildcard) != 0
                ? "a '.*' wildcard can only follow the release numbers (no pre-, post-, dev-release or local segment before it)"
                : "a '.*' wildcard is only allowed with the == and != operators");
        }
        if (c == '!') return new(p, "unexpected '!': the epoch must be one number at the start (like 1!2.0)");
        if (c == '+') return new(p, "only one local version label ('+...') is allowed");
        if (PythonText.IsSeparator(c))
        {
            if (q == end || !PythonText.IsAlphaNumeric(text[q]))
                return new(q, $"expected a number or a pre-, post- or dev-release label after '{c}'");
            if (PythonText.IsDigit(text[q]))
                return new(p, "release numbers must come before the pre-, post- and dev-release segments");
        }
        if (PythonText.IsAlphaNumeric(text[q]))
        {
            int e = q;
            while (e < end && PythonText.IsAlphaNumeric(text[e])) e++;
            return new(q, $"unknown label '{text.Substring(q, e - q)}': {SuffixExpectation}");
        }
        return new(p, $"unexpected {Describe(text, p, end)}: {SuffixExpectation}");
    }

    private static string Describe(string text, int p, int end) =>
        p >= end ? "end of input" : PythonText.IsSpace(text[p]) ? "whitespace" : $"'{text[p]}'";

    private static int SkipSeparator(string text, int p, int end) =>
        p < end && PythonText.IsSeparator(text[p]) ? p + 1 : p;

    private static bool MatchPreLabel(string text, int p, int end, out string kind, out int length)
    {
        foreach (var (spelling, k) in PreLabels)
            if (MatchesAt(text, p, end, spelling))
            {
                kind = k;
                length = spelling.Length;
                return true;
            }
        kind = "";
        length = 0;
        return false;
    }

    private static bool MatchLabel(string text, int p, int end, string[] spellings, out int length)
    {
        foreach (var spelling in spellings)
            if (MatchesAt(text, p, end, spelling))
            {
                length = spelling.Length;
                return true;
            }
        length = 0;
        return false;
    }

    /// <summary>ASCII case-insensitive match of a lower-case label.</summary>
    private static bool MatchesAt(string text, int p, int end, string lowerLabel)
    {
        if (end - p < lowerLabel.Length) return false;
        for (int i = 0; i < lowerLabel.Length; i++)
            if ((text[p + i] | 0x20) != lowerLabel[i]) return false;
        return true;
    }

    private static BigInteger ScanOptionalNumber(string text, ref int p, int end) =>
        p < end && PythonText.IsDigit(text[p]) ? ScanNumber(text, ref p, end) : BigInteger.Zero;

    private static BigInteger ScanNumber(string text, ref int p, int end)
    {
        int start = p;
        while (p < end && PythonText.IsDigit(text[p])) p++;
        return ParseDigits(text, start, p - start);
    }

    /// <summary>Digits to a number; up to 18 digits fit a long, so only longer ones pay for BigInteger parsing.</summary>
    internal static BigInteger ParseDigits(string text, int start, int length)
    {
        if (length <= 18)
        {
            long value = 0;
            for (int i = start; i < start + length; i++) value = value * 10 + (text[i] - '0');
            return value;
        }
        return BigInteger.Parse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
