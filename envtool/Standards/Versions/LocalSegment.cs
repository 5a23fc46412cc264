using System.Globalization;
using System.Numerics;

namespace EnvTool.Standards.Versions;

/// <summary>
/// One dot-separated part of a local version label: all digits compare as a number, anything else
/// as lower-case text; PEP 440 sorts every text part before every number.
/// </summary>
internal readonly struct LocalSegment : IComparable<LocalSegment>, IEquatable<LocalSegment>
{
    private readonly string? _text;
    private readonly BigInteger _number;

    private LocalSegment(string? text, BigInteger number)
    {
        _text = text;
        _number = number;
    }

    public static LocalSegment FromText(string lowerText) => new(lowerText, default);

    public static LocalSegment FromNumber(BigInteger number) => new(null, number);

    public int CompareTo(LocalSegment other)
    {
        if (_text is null) return other._text is null ? _number.CompareTo(other._number) : 1;
        return other._text is null ? -1 : string.CompareOrdinal(_text, other._text);
    }

    public bool Equals(LocalSegment other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is LocalSegment other && Equals(other);

    public override int GetHashCode() => _text is null ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);
}
