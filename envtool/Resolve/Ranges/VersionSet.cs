using System.Numerics;
using System.Text;
using EnvTool.Standards.Versions;

namespace EnvTool.Resolve.Ranges;

/// <summary>
/// A set of PEP 440 versions as a union of disjoint intervals between <see cref="VersionCut"/>s
/// (a null lower cut is unbounded below, a null upper cut unbounded above). Immutable; the
/// intervals are kept sorted and merged, so structural equality is set equality.
/// </summary>
internal sealed class VersionSet : IEquatable<VersionSet>
{
    internal readonly record struct Interval(VersionCut? Lower, VersionCut? Upper)
    {
        public bool Contains(Pep440Version v) =>
            (Lower is not { } l || l.IsBelow(v)) && (Upper is not { } u || !u.IsBelow(v));
    }

    private readonly Interval[] _intervals;

    private VersionSet(Interval[] intervals) => _intervals = intervals;

    public static VersionSet Empty { get; } = new([]);
    public static VersionSet Full { get; } = new([new Interval(null, null)]);

    public IReadOnlyList<Interval> Intervals => _intervals;
    public bool IsEmpty => _intervals.Length == 0;
    public bool IsFull => _intervals.Length == 1 && _intervals[0] is { Lower: null, Upper: null };

    /// <summary>Exactly this version (not its local variants, unless it is one).</summary>
    public static VersionSet Exactly(Pep440Version v) => new([new Interval(VersionCut.Before(v), VersionCut.After(v))]);

    public static VersionSet Between(VersionCut? lower, VersionCut? upper) =>
        lower is { } l && upper is { } u && l >= u ? Empty : new([new Interval(lower, upper)]);

    public bool Contains(Pep440Version v)
    {
        foreach (var interval in _intervals)
            if (interval.Contains(v)) return true;
        return false;
    }

    public VersionSet Complement()
    {
        if (_intervals.Length == 0) return Full;
        var result = new List<Interval>(_intervals.Length + 1);
        VersionCut? previous = null;
        bool first = true;
        foreach (var interval in _intervals)
        {
            if (!(first && interval.Lower is null)) result.Add(new Interval(previous, interval.Lower));
            first = false;
            previous = interval.Upper;
        }
        if (previous is not null) result.Add(new Interval(previous, null));
        return new VersionSet(result.ToArray());
    }

    public VersionSet Intersect(VersionSet other)
    {
        if (IsFull || other.IsEmpty) return other;
        if (other.IsFull || IsEmpty) return this;
        var result = new List<Interval>();
        int i = 0, j = 0;
        while (i < _intervals.Length && j < other._intervals.Length)
        {
            var a = _intervals[i];
            var b = other._intervals[j];
            var lower = MaxLower(a.Lower, b.Lower);
            var upper = MinUpper(a.Upper, b.Upper);
            if (lower is not { } l || upper is not { } u || l < u) result.Add(new Interval(lower, upper));
            // Advance whichever interval ends first.
            if (CompareUpper(a.Upper, b.Upper) <= 0) i++;
            else j++;
        }
        return new VersionSet(result.ToArray());
    }

    public VersionSet Union(VersionSet other) => Complement().Intersect(other.Complement()).Complement();

    public VersionSet Minus(VersionSet other) => Intersect(other.Complement());

    public bool IsSubsetOf(VersionSet other) => Intersect(other).Equals(this);

    public bool IsDisjointFrom(VersionSet other) => Intersect(other).IsEmpty;

    private static VersionCut? MaxLower(VersionCut? a, VersionCut? b) =>
        a is not { } x ? b : b is not { } y ? a : x >= y ? x : y;

    private static VersionCut? MinUpper(VersionCut? a, VersionCut? b) =>
        a is not { } x ? b : b is not { } y ? a : x <= y ? x : y;

    private static int CompareUpper(VersionCut? a, VersionCut? b) =>
        a is not { } x ? (b is null ? 0 : 1) : b is not { } y ? -1 : x.CompareTo(y);

    public bool Equals(VersionSet? other)
    {
        if (other is null || other._intervals.Length != _intervals.Length) return false;
        for (int i = 0; i < _intervals.Length; i++)
        {
            var (a, b) = (_intervals[i], other._intervals[i]);
            if (!CutEquals(a.Lower, b.Lower) || !CutEquals(a.Upper, b.Upper)) return false;
        }
        return true;
    }

    private static bool CutEquals(VersionCut? a, VersionCut? b) =>
        a is { } x ? b is { } y && x.Equals(y) : b is null;

    public override bool Equals(object? obj) => Equals(obj as VersionSet);
    public override int GetHashCode() => _intervals.Length;

    // ---- from PEP 440 specifiers -----------------------------------------------------------------

    /// <summary>
    /// The versions a specifier set matches, before any pre-release policy (which the resolver applies
    /// to candidates, not to ranges). <c>===X</c> is the single version X when X is written in
    /// normalized form (as candidates' versions are printed) and nothing otherwise.
    /// </summary>
    public static VersionSet From(SpecifierSet specifiers)
    {
        var set = Full;
        foreach (var s in specifiers.Specifiers) set = set.Intersect(From(s));
        return set;
    }

    public static VersionSet From(Specifier s)
    {
        if (s.Operator == "===")
            return Pep440Version.TryParse(s.Version, out var exact)
                && string.Equals(exact!.ToString(), s.Version.ToLowerInvariant(), StringComparison.Ordinal)
                ? Exactly(exact) : Empty;

        if (s.Version.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = Pep440Version.Parse(s.Version[..^2]);
            var release = prefix.Release.ToArray();
            var matching = Between(VersionCut.Before(prefix.WithRelease(release, BigInteger.Zero)),
                VersionCut.Before(prefix.WithRelease(NextPrefix(release, release.Length), BigInteger.Zero)));
            return s.Operator == "==" ? matching : matching.Complement();
        }

        var v = Pep440Version.Parse(s.Version);
        switch (s.Operator)
        {
            case "==":
            case "!=":
                var point = v.Local is null ? Between(VersionCut.Before(v), VersionCut.AfterLocals(v)) : Exactly(v);
                return s.Operator == "==" ? point : point.Complement();
            case ">=":
                return Between(VersionCut.Before(v), null);
            case "<=":
                return Between(null, VersionCut.AfterLocals(v));
            case "<":
                // PEP 440: "<V" for a final V excludes V's pre-releases, so it ends below V.dev0.
                return Between(null, VersionCut.Before(v.IsPrerelease ? v : v.WithSuffix(null, v.Post, BigInteger.Zero)));
            case ">":
                // PEP 440: ">V" excludes V's post-releases (unless V is one) and local variants.
                if (v.Dev is { } dev) return Between(VersionCut.Before(v.WithSuffix(v.Pre, v.Post, dev + 1)), null);
                if (v.Post is { } post) return Between(VersionCut.Before(v.WithSuffix(v.Pre, post + 1, BigInteger.Zero)), null);
                return Between(VersionCut.AfterPosts(v), null);
            case "~=":
                var r = v.Release.ToArray();
                return Between(VersionCut.Before(v), VersionCut.Before(v.WithRelease(NextPrefix(r, r.Length - 1), BigInteger.Zero)));
            default:
                throw new ArgumentException($"unknown operator in '{s}'", nameof(s));
        }
    }

    private static BigInteger[] NextPrefix(BigInteger[] release, int length)
    {
        var next = release[..length];
        next[length - 1] += 1;
        return next;
    }

    // ---- as text -----------------------------------------------------------------------------------

    /// <summary>
    /// The set as PEP 440 clauses appended to a name: "a>=1,<2", "a==1.0", "a!=1.5", "a" (every
    /// version); a union of several intervals reads "a<1 or >=2". No set prints as the empty string.
    /// </summary>
    public string Describe(string name)
    {
        if (IsFull) return name;
        if (IsEmpty) return $"no version of {name}";
        if (_intervals.Length == 2 && _intervals[0].Lower is null && _intervals[1].Upper is null
            && Between(_intervals[0].Upper, _intervals[1].Lower).SingleVersion() is { } excluded)
            return $"{name}!={excluded}";
        var sb = new StringBuilder(name);
        for (int i = 0; i < _intervals.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append(DescribeInterval(_intervals[i]));
        }
        return sb.ToString();
    }

    public override string ToString() => Describe("");

    /// <summary>The version when the set is one version with or without its local variants (==V), else null.</summary>
    private string? SingleVersion() =>
        _intervals is [{ Lower: { Kind: CutKind.Before } l, Upper: { } u }]
        && u.Version == l.Version && u.Kind is CutKind.After or CutKind.AfterLocals
            ? l.Version.ToString() : null;

    private static string DescribeInterval(Interval interval)
    {
        var (lower, upper) = (interval.Lower, interval.Upper);
        if (new VersionSet([interval]).SingleVersion() is { } single) return "==" + single;
        if (lower is { Kind: CutKind.Before } wl && upper is { Kind: CutKind.Before } wu && IsWildcard(wl.Version, wu.Version) is { } prefix)
            return $"=={prefix}.*";
        var parts = new List<string>(2);
        if (lower is { } l)
            parts.Add(l.Kind != CutKind.Before ? ">" + l.Version
                : AfterPostOf(l.Version) is { } previous ? ">" + previous : ">=" + l.Version);
        if (upper is { } u)
            parts.Add(u.Kind == CutKind.Before ? "<" + WithoutDev0(u.Version) : "<=" + u.Version);
        return string.Join(',', parts);
    }

    /// <summary>"&gt;1.0.post2" is stored as "from 1.0.post3.dev0 on": print it as written.</summary>
    private static Pep440Version? AfterPostOf(Pep440Version v) =>
        v is { Dev.IsZero: true, Post: { } post } && post > 0 && v.Local is null ? v.WithSuffix(v.Pre, post - 1, null) : null;

    /// <summary>"&lt;2.0" is stored as "below 2.0.dev0" (PEP 440 keeps 2.0's pre-releases out); print it as written.</summary>
    private static string WithoutDev0(Pep440Version v) =>
        v.Dev is { IsZero: true } && v.Pre is null ? v.WithSuffix(null, v.Post, null).ToString() : v.ToString();

    /// <summary>"1.2" when [lower, upper) is exactly "==1.2.*" (from 1.2.dev0 up to 1.3.dev0), else null.</summary>
    private static string? IsWildcard(Pep440Version lower, Pep440Version upper)
    {
        if (lower.Dev is not { IsZero: true } || upper.Dev is not { IsZero: true } || lower.Pre is not null
            || lower.Post is not null || upper.Pre is not null || upper.Post is not null || lower.Epoch != upper.Epoch)
            return null;
        var release = lower.Release.ToArray();
        var next = NextPrefix(release, release.Length);
        var expected = lower.WithRelease(next, BigInteger.Zero);
        return expected == upper && upper.Release.Count == next.Length ? lower.WithSuffix(null, null, null).ToString() : null;
    }
}
