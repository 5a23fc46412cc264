namespace EnvTool.Standards.Tags;

/// <summary>
/// One PEP 425 compatibility tag: interpreter, ABI and platform, all lowercase
/// (e.g. <c>cp311-cp311-manylinux_2_17_x86_64</c>). Equality is ordinal on the three parts; the hash
/// is computed once because tags are looked up many times when choosing among a release's wheels.
/// </summary>
public sealed class Tag : IEquatable<Tag>
{
    private readonly int _hash;

    public Tag(string interpreter, string abi, string platform)
    {
        Interpreter = interpreter.ToLowerInvariant();
        Abi = abi.ToLowerInvariant();
        Platform = platform.ToLowerInvariant();
        _hash = HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(Interpreter),
            StringComparer.Ordinal.GetHashCode(Abi),
            StringComparer.Ordinal.GetHashCode(Platform));
    }

    public string Interpreter { get; }
    public string Abi { get; }
    public string Platform { get; }

    /// <summary>Parses exactly one tag; a compressed set such as <c>py2.py3-none-any</c> is an error here
    /// (use <see cref="ParseSet"/>).</summary>
    public static Tag Parse(string text)
    {
        var set = TagSetParser.Parse(text, 0, text.Length, "tag");
        var dot = text.IndexOf('.');
        if (dot >= 0)
            throw new ParseException("tag", text, dot, "expected a single tag, found a compressed tag set",
                "compressed tag sets such as 'py2.py3-none-any' stand for several tags");
        return set[0];
    }

    /// <summary>
    /// Parses a tag or a compressed tag set (<c>py2.py3-none-any</c>) into the distinct tags it stands for,
    /// as <c>packaging.tags.parse_tag</c> does, in interpreter, then ABI, then platform order.
    /// Exactly three dash-separated parts are required, no part or dotted member may be empty, and each
    /// interpreter must look like an identifier (the rules of the newest packaging).
    /// </summary>
    public static IReadOnlyList<Tag> ParseSet(string text) => TagSetParser.Parse(text, 0, text.Length, "tag");

    public bool Equals(Tag? other) =>
        other is not null && _hash == other._hash
        && string.Equals(Platform, other.Platform, StringComparison.Ordinal)
        && string.Equals(Abi, other.Abi, StringComparison.Ordinal)
        && string.Equals(Interpreter, other.Interpreter, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Tag t && Equals(t);
    public override int GetHashCode() => _hash;
    public override string ToString() => $"{Interpreter}-{Abi}-{Platform}";

    public static bool operator ==(Tag? a, Tag? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Tag? a, Tag? b) => !(a == b);
}
