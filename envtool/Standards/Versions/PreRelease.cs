using System.Numerics;

namespace EnvTool.Standards.Versions;

/// <summary>
/// The pre-release segment of a version: <see cref="Kind"/> is the normalized label
/// (<c>a</c>, <c>b</c> or <c>rc</c>; spellings like <c>alpha</c>, <c>c</c> or <c>preview</c> are
/// normalized on parsing) and <see cref="Number"/> its number (0 when the text omitted it).
/// </summary>
public readonly record struct PreRelease(string Kind, BigInteger Number)
{
    /// <summary>Ordering of the labels: a &lt; b &lt; rc.</summary>
    internal int Rank => Kind switch { "a" => 0, "b" => 1, _ => 2 };

    public override string ToString() => Kind + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
