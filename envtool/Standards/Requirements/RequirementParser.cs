using System.Collections.Immutable;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;

namespace EnvTool.Standards.Requirements;

/// <summary>
/// Recursive descent over the PEP 508 requirement grammar, with packaging's token boundaries:
/// <code>
/// requirement = WS? name WS? extras? WS? (("@" WS? url (WS (";" marker)?)?) | (specifiers WS? (";" marker)?)) WS? END
/// extras      = "[" WS? (extra (WS? "," WS? extra)*)? WS? "]"
/// specifiers  = "(" WS? list WS? ")" | list        list = (specifier (WS? "," WS? specifier)*)?
/// </code>
/// A trailing ',' and a name or extra ending in '_' are errors here, as in the PEP 508 grammar,
/// though packaging's tokenizer lets them pass.
/// <code>
/// </code>
/// Names and extras must also satisfy the core-metadata name rule (ending in a letter or digit).
/// </summary>
internal static class RequirementParser
{
    public static Requirement Parse(string text)
    {
        var reader = new Pep508Reader(text, "requirement");
        reader.SkipWhitespace();
        var name = ParseName(reader);
        reader.SkipWhitespace();
        var extras = ParseExtras(reader);
        reader.SkipWhitespace();

        string? url = null;
        var specifier = SpecifierSet.Empty;
        Marker? marker = null;
        if (reader.TryRead('@'))
        {
            reader.SkipWhitespace();
            if (!reader.TryReadUrl(out var urlText))
                throw reader.Error("expected a URL after '@'");
            url = urlText;
            if (!reader.AtEnd)
            {
                // The URL runs to the next whitespace, so ';' needs a space before it.
                reader.SkipWhitespace();
                if (!reader.AtEnd)
                    marker = ParseMarker(reader, $"expected ';' or end after the URL, found {reader.Found()}");
            }
        }
        else
        {
            var specifierStart = reader.Position;
            var specifierText = ParseSpecifiers(reader);
            try
            {
                specifier = SpecifierSet.Parse(specifierText);
            }
            catch (ParseException e)
            {
                throw reader.Error($"invalid version specifier '{specifierText}': {e.Problem}", specifierStart);
            }
            reader.SkipWhitespace();
            if (!reader.AtEnd)
                marker = ParseMarker(reader, specifierText.Length > 0
                    ? $"expected ',' (between version specifiers), ';' (before a marker) or end, found {reader.Found()}"
                    : $"expected a version specifier, '@', ';' (before a marker) or end after the name, found {reader.Found()}");
        }
        if (!reader.AtEnd)
            throw reader.Error($"expected end of requirement, found {reader.Found()}");
        return new Requirement(name, extras, specifier, url, marker);
    }

    private static PackageName ParseName(Pep508Reader reader)
    {
        var start = reader.Position;
        if (!reader.TryReadIdentifier(out var name))
            throw reader.Error($"expected a package name at the start of the requirement, found {reader.Found()}");
        if (!PackageName.TryParse(name, out var parsed))
            throw reader.Error($"invalid package name '{name}': a name must start and end with a letter or digit", start);
        return parsed;
    }

    private static ImmutableSortedSet<string> ParseExtras(Pep508Reader reader)
    {
        var extras = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        if (!reader.TryRead('[')) return extras.ToImmutable();
        reader.SkipWhitespace();
        if (!reader.TryRead(']'))
        {
            while (true)
            {
                var start = reader.Position;
                if (!reader.TryReadIdentifier(out var extra))
                    throw reader.Error(extras.Count == 0
                        ? $"expected an extra name or ']', found {reader.Found()}"
                        : $"expected an extra name after ',', found {reader.Found()}");
                if (!ExtraName.TryParse(extra, out var normalized))
                    throw reader.Error($"invalid extra name '{extra}': a name must start and end with a letter or digit", start);
                extras.Add(normalized);
                reader.SkipWhitespace();
                if (reader.TryRead(']')) break;
                if (!reader.TryRead(','))
                    throw reader.Error($"expected ']' or ',' after the extra name '{extra}', found {reader.Found()}");
                reader.SkipWhitespace();
            }
        }
        return extras.ToImmutable();
    }

    /// <summary>Reads the version specifiers (with or without parentheses) and returns them joined by ','.</summary>
    private static string ParseSpecifiers(Pep508Reader reader)
    {
        var open = reader.Position;
        var parenthesized = reader.TryRead('(');
        reader.SkipWhitespace();
        var specifiers = new List<string>();
        while (true)
        {
            var start = reader.Position;
            if (!reader.TryReadSpecifier(out var specifier))
            {
                if (!reader.AtEnd && reader.Source[reader.Position] is '<' or '>' or '=' or '!' or '~')
                {
                    var end = reader.Source.IndexOfAny([',', ';', ')'], reader.Position);
                    var bad = reader.Source[reader.Position..(end < 0 ? reader.Source.Length : end)].TrimEnd();
                    throw reader.Error($"invalid version specifier '{bad}'");
                }
                // PEP 508 has no empty clause: "foo>=1," is refused (packaging lets it pass).
                if (specifiers.Count > 0)
                    throw reader.Error($"expected a version specifier after ',', found {reader.Found()}");
                break;
            }
            if (reader.AtWildcardTrail())
                throw reader.Error(specifier.StartsWith("==", StringComparison.Ordinal) || specifier.StartsWith("!=", StringComparison.Ordinal)
                    ? $"'.*' cannot follow a pre-release, post-release, dev or local version in '{specifier}.*'"
                    : $"'.*' can only be used with '==' or '!=', not in '{specifier}.*'", start);
            if (reader.AtLocalLabelTrail())
                throw reader.Error($"a local version label can only be used with '==' or '!=' (after '{specifier}')", start);
            specifiers.Add(specifier);
            reader.SkipWhitespace();
            if (!reader.TryRead(',')) break;
            reader.SkipWhitespace();
        }
        if (parenthesized)
        {
            reader.SkipWhitespace();
            if (!reader.TryRead(')'))
                throw reader.Error($"expected ',' or ')' to close the '(' at column {open + 1}, found {reader.Found()}");
        }
        return string.Join(',', specifiers);
    }

    private static Marker ParseMarker(Pep508Reader reader, string expectedSemicolon)
    {
        if (!reader.TryRead(';'))
            throw reader.Error(expectedSemicolon);
        var expression = MarkerParser.ParseExpression(reader);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
            throw reader.Error($"expected 'and', 'or' or end of marker, found {reader.Found()}");
        return new Marker(expression);
    }
}
