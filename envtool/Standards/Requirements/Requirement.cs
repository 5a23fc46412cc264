using System.Collections.Immutable;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;

namespace EnvTool.Standards.Requirements;

/// <summary>
/// A PEP 508 dependency specifier: <c>name [extras] (specifier | @ url) ; marker</c>.
/// <see cref="ToString"/> prints it the way packaging's <c>str(Requirement)</c> does, with extras in
/// their PEP 685 normal form.
/// </summary>
public sealed class Requirement
{
    internal Requirement(PackageName name, ImmutableSortedSet<string> extras, SpecifierSet specifier, string? url, Marker? marker)
    {
        Name = name;
        Extras = extras;
        Specifier = specifier;
        Url = url;
        Marker = marker;
    }

    public PackageName Name { get; }

    /// <summary>The requested extras, normalized (PEP 685), sorted ordinally, without duplicates.</summary>
    public ImmutableSortedSet<string> Extras { get; }

    /// <summary>The version constraints; empty when none were given (always empty with a URL).</summary>
    public SpecifierSet Specifier { get; }

    /// <summary>The direct reference after '@', as written; null when there is none.</summary>
    public string? Url { get; }

    public Marker? Marker { get; }

    /// <summary>Parses a whole requirement; throws <see cref="ParseException"/> naming the problem and its column.</summary>
    public static Requirement Parse(string text) => RequirementParser.Parse(text);

    public static bool TryParse(string text, out Requirement? requirement)
    {
        try
        {
            requirement = Parse(text);
            return true;
        }
        catch (ParseException)
        {
            requirement = null;
            return false;
        }
    }

    public override string ToString()
    {
        var output = new System.Text.StringBuilder(Name.Original);
        if (Extras.Count > 0) output.Append('[').AppendJoin(',', Extras).Append(']');
        output.Append(Specifier.ToString());
        if (Url is not null)
        {
            output.Append(" @ ").Append(Url);
            if (Marker is not null) output.Append(' ');
        }
        if (Marker is not null) output.Append("; ").Append(Marker.ToString());
        return output.ToString();
    }
}
