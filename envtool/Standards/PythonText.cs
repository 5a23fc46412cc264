namespace EnvTool.Standards;

/// <summary>
/// The line handling of Python's text functions, which the packaging file formats are defined by
/// (their reference readers are <c>importlib.metadata</c>, pip and the PEPs' Python snippets).
/// </summary>
public static class PythonText
{
    /// <summary>Python's universal newlines (text-mode <c>open()</c>): CRLF and lone CR become LF, nothing else changes.</summary>
    public static string UniversalNewlines(string text) =>
        text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    /// <summary>
    /// Python's <c>str.splitlines()</c>: splits on LF, CR, CRLF, VT, FF, FS, GS, RS, NEL, LS and PS,
    /// drops the separators, and yields no empty last line for a trailing separator.
    /// </summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsLineBreak(c))
            {
                lines.Add(text[start..i]);
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                start = i;
            }
            else i++;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
