using EnvTool.Resolve.Ranges;

namespace EnvTool.Resolve.PubGrub;

/// <summary>
/// A statement about one package: "it is selected at a version in Set" (positive) or "it is not
/// selected at a version in Set" (negative; an unselected package satisfies it).
/// </summary>
internal readonly record struct Term(bool Positive, VersionSet Set)
{
    /// <summary>Says nothing: "not selected at no version".</summary>
    public static Term Any { get; } = new(false, VersionSet.Empty);

    public static Term Is(VersionSet set) => new(true, set);
    public static Term IsNot(VersionSet set) => new(false, set);

    public bool IsAny => !Positive && Set.IsEmpty;

    /// <summary>Cannot hold at all: selected at a version in the empty set.</summary>
    public bool IsImpossible => Positive && Set.IsEmpty;

    public Term Negate() => new(!Positive, Set);

    public Term Intersect(Term other) => (Positive, other.Positive) switch
    {
        (true, true) => Is(Set.Intersect(other.Set)),
        (true, false) => Is(Set.Minus(other.Set)),
        (false, true) => Is(other.Set.Minus(Set)),
        _ => IsNot(Set.Union(other.Set)),
    };

    public Term Union(Term other) => Negate().Intersect(other.Negate()).Negate();

    /// <summary>Whether every situation this term allows, <paramref name="other"/> allows too.</summary>
    public bool IsSubsetOf(Term other) => Intersect(other) == this;

    public bool IsDisjointFrom(Term other) => Intersect(other).IsImpossible;
}
