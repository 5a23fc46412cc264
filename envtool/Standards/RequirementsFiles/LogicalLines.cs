using System.Text.RegularExpressions;

namespace EnvTool.Standards.RequirementsFiles;

/// <summary>
/// pip's preprocessing of a requirements file, in pip's order: join lines that end with '\',
/// drop comments ('#' at the start or after whitespace) and blank lines, then expand <c>${VAR}</c>.
/// A joined line keeps the number of its first physical line.
/// </summary>
internal static partial class LogicalLines
{
    public static IEnumerable<(int Line, string Text)> Read(string content, Func<string, string?> environment)
    {
        foreach (var (line, text) in JoinContinuations(PythonText.SplitLines(content)))
        {
            var stripped = StripComment(text).Trim();
            if (stripped.Length == 0) continue;
            yield return (line, ExpandVariables(stripped, environment));
        }
    }

    private static IEnumerable<(int Line, string Text)> JoinContinuations(List<string> lines)
    {
        int? first = null;
        var joined = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var isComment = line.TrimStart().StartsWith('#');
            if (!line.EndsWith('\\') || isComment)
            {
                // A comment inside a continuation gets a leading blank so that comment stripping sees it as one.
                if (isComment) line = " " + line;
                if (first is { } start)
                {
                    joined.Append(line);
                    yield return (start, joined.ToString());
                    joined.Clear();
                    first = null;
                }
                else yield return (i + 1, line);
            }
            else
            {
                first ??= i + 1;
                // pip strips backslashes from both ends of a continued line.
                joined.Append(line.Trim('\\'));
            }
        }
        if (first is { } last) yield return (last, joined.ToString());
    }

    /// <summary>Removes the first '#' that starts the line or follows whitespace, with that whitespace and the rest of the line.</summary>
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '#' || (i > 0 && !char.IsWhiteSpace(line[i - 1]))) continue;
            var cut = i;
            while (cut > 0 && char.IsWhiteSpace(line[cut - 1])) cut--;
            return line[..cut];
        }
        return line;
    }

    /// <summary>
    /// Only the exact form <c>${NAME}</c> with NAME of uppercase ASCII letters, digits and '_' is
    /// expanded; an unset or empty variable leaves the text as written, as pip does.
    /// </summary>
    private static string ExpandVariables(string line, Func<string, string?> environment)
    {
        foreach (var match in VariablePattern().Matches(line).ToList())
        {
            var value = environment(match.Groups["name"].Value);
            if (string.IsNullOrEmpty(value)) continue;
            line = line.Replace(match.Value, value, StringComparison.Ordinal);
        }
        return line;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)\}")]
    private static partial Regex VariablePattern();
}
