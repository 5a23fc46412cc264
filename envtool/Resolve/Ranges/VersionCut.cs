using EnvTool.Standards.Versions;

namespace EnvTool.Resolve.Ranges;

/// <summary>Where a <see cref="VersionCut"/> sits relative to its version.</summary>
internal enum CutKind
{
    /// <summary>Just below the version: the version itself is above the cut.</summary>
    Before = 0,
    /// <summary>Just above the version (its local variants stay above the cut).</summary>
    After = 1,
    /// <summary>Above the version and every local variant of it (<c>1.0</c>, <c>1.0+abc</c>, ...).</summary>
    AfterLocals = 2,
    /// <summary>Above the version and all its post-releases and their local variants: where PEP 440's
    /// <c>&gt;V</c> starts for a final or pre-release V.</summary>
    AfterPosts = 3,
}

/// <summary>
/// A position between two versions in PEP 440 order: every version is either above or below a cut.
/// Intervals are pairs of cuts, which is what makes PEP 440's quirks exact: <c>==1.0</c> is
/// (Before 1.0, AfterLocals 1.0), <c>&gt;1.0</c> starts at AfterPosts 1.0, and there is never a
/// question of open versus closed ends.
/// </summary>
internal readonly struct VersionCut : IComparable<VersionCut>, IEquatable<VersionCut>
{
    public VersionCut(Pep440Version version, CutKind kind)
    {
        Version = version;
        Kind = kind;
    }

    public Pep440Version Version { get; }
    public CutKind Kind { get; }

    public static VersionCut Before(Pep440Version v) => new(v, CutKind.Before);
    public static VersionCut After(Pep440Version v) => new(v, CutKind.After);
    public static VersionCut AfterLocals(Pep440Version v) => new(v.Public, CutKind.AfterLocals);
    public static VersionCut AfterPosts(Pep440Version v) => new(v, CutKind.AfterPosts);

    /// <summary>Whether <paramref name="v"/> lies above this cut.</summary>
    public bool IsBelow(Pep440Version v) => Kind switch
    {
        CutKind.Before => v >= Version,
        CutKind.After => v > Version,
        CutKind.AfterLocals => Pep440Version.ComparePublic(v, Version) > 0,
        _ => v > Version && !InFamily(v),
    };

    /// <summary>
    /// The versions this cut is "glued" to: the version itself, its local variants (AfterLocals) or
    /// its post-releases and their local variants (AfterPosts). A version in the family sorts below
    /// a closing cut unless it is the version of a Before cut.
    /// </summary>
    private bool InFamily(Pep440Version w) => Kind switch
    {
        CutKind.Before or CutKind.After => w == Version,
        CutKind.AfterLocals => Pep440Version.ComparePublic(w, Version) == 0,
        _ => w.SameRelease(Version) && w.Pre == Version.Pre,
    };

    public int CompareTo(VersionCut other)
    {
        bool otherInMine = InFamily(other.Version), mineInOther = other.InFamily(Version);
        if (otherInMine && mineInOther) return ((int)Kind).CompareTo((int)other.Kind);
        // One family strictly contains the other's version: the closing cut of the bigger family is higher.
        if (otherInMine) return 1;
        if (mineInOther) return -1;
        return Version.CompareTo(other.Version);
    }

    public bool Equals(VersionCut other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is VersionCut c && Equals(c);
    public override int GetHashCode() => HashCode.Combine(Version.Public, Kind);

    public static bool operator <(VersionCut a, VersionCut b) => a.CompareTo(b) < 0;
    public static bool operator >(VersionCut a, VersionCut b) => a.CompareTo(b) > 0;
    public static bool operator <=(VersionCut a, VersionCut b) => a.CompareTo(b) <= 0;
    public static bool operator >=(VersionCut a, VersionCut b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Kind}({Version})";
}
