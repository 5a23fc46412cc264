using System.Numerics;

namespace EnvTool.Standards.Wheels;

/// <summary>
/// A wheel's optional build tag (PEP 427): leading digits, then anything. Wheels that differ only in build
/// tag are ordered by (number, rest), the larger preferred; a wheel without one sorts before any that has one.
/// </summary>
public sealed class BuildTag : IComparable<BuildTag>, IEquatable<BuildTag>
{
    internal BuildTag(string text, int digitCount)
    {
        Text = text;
        Number = BigInteger.Parse(text.AsSpan(0, digitCount), provider: System.Globalization.CultureInfo.InvariantCulture);
        Rest = text[digitCount..];
    }

    /// <summary>As written in the file name, e.g. "01abc".</summary>
    public string Text { get; }
    /// <summary>The leading digits as a number (1 for "01abc").</summary>
    public BigInteger Number { get; }
    /// <summary>What follows the digits ("abc").</summary>
    public string Rest { get; }

    public int CompareTo(BuildTag? other)
    {
        if (other is null) return 1;
        var byNumber = Number.CompareTo(other.Number);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(Rest, other.Rest);
    }

    /// <summary>Equal when the sort keys are equal ("1a" and "01a" are the same build).</summary>
    public bool Equals(BuildTag? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is BuildTag b && Equals(b);
    public override int GetHashCode() => HashCode.Combine(Number, StringComparer.Ordinal.GetHashCode(Rest));
    public override string ToString() => Text;
}
