namespace EnvTool.Standards.Names;

/// <summary>
/// A distribution name as core metadata defines it (ASCII letters and digits, with '.', '_' and '-'
/// allowed only between them). Two names are the same package when their PEP 503 normal forms are
/// equal, so equality, hashing and ordering use <see cref="Normalized"/>; <see cref="ToString"/>
/// keeps the spelling the user or the metadata wrote, for display.
/// </summary>
public readonly struct PackageName : IEquatable<PackageName>, IComparable<PackageName>
{
    private readonly string? _original;
    private readonly string? _normalized;

    private PackageName(string original, string normalized)
    {
        _original = original;
        _normalized = normalized;
    }

    /// <summary>The name as written, e.g. <c>Foo_Bar</c>.</summary>
    public string Original => _original ?? "";

    /// <summary>The PEP 503 normal form, e.g. <c>foo-bar</c>.</summary>
    public string Normalized => _normalized ?? "";

    /// <summary>Validates <paramref name="name"/> and keeps its spelling; throws <see cref="ParseException"/> naming the bad character.</summary>
    public static PackageName Parse(string name)
    {
        if (NameRule.FindProblem(name) is { } problem)
            throw new ParseException("package name", name, problem.Position, problem.Message);
        return new PackageName(name, Normalize(name));
    }

    public static bool TryParse(string? name, out PackageName result)
    {
        if (name is null || NameRule.FindProblem(name) is not null)
        {
            result = default;
            return false;
        }
        result = new PackageName(name, Normalize(name));
        return true;
    }

    /// <summary>
    /// PEP 503 normalization: every run of '-', '_' and '.' becomes one '-', letters become lower case.
    /// Meant for valid names; other text is folded the same way without validation.
    /// </summary>
    public static string Normalize(string name)
    {
        var buffer = new System.Text.StringBuilder(name.Length);
        var inSeparatorRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inSeparatorRun) buffer.Append('-');
                inSeparatorRun = true;
                continue;
            }
            inSeparatorRun = false;
            buffer.Append(char.ToLowerInvariant(c));
        }
        return buffer.ToString();
    }

    /// <summary>True when <paramref name="name"/> is valid and already in PEP 503 normal form.</summary>
    public static bool IsNormalized(string name) =>
        NameRule.FindProblem(name) is null && string.Equals(name, Normalize(name), StringComparison.Ordinal);

    public bool Equals(PackageName other) => string.Equals(Normalized, other.Normalized, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is PackageName other && Equals(other);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalized);
    public int CompareTo(PackageName other) => string.CompareOrdinal(Normalized, other.Normalized);
    public static bool operator ==(PackageName left, PackageName right) => left.Equals(right);
    public static bool operator !=(PackageName left, PackageName right) => !left.Equals(right);

    public override string ToString() => Original;
}
