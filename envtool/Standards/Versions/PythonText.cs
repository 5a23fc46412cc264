namespace EnvTool.Standards.Versions;

/// <summary>
/// Character classes as Python's <c>str</c> methods and <c>re</c> define them, because the
/// reference implementation (packaging) strips and matches with <c>\s</c> and <c>str.strip()</c>.
/// </summary>
internal static class PythonText
{
    /// <summary>
    /// Python's <c>str.isspace()</c>: .NET's <see cref="char.IsWhiteSpace(char)"/> plus the four
    /// information separators U+001C..U+001F, which Python also counts as whitespace.
    /// </summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>ASCII letters and digits only: modern packaging matches versions with <c>re.ASCII</c>.</summary>
    public static bool IsAlphaNumeric(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>The separators PEP 440 allows between segments: <c>.</c>, <c>-</c> and <c>_</c>.</summary>
    public static bool IsSeparator(char c) => c is '.' or '-' or '_';

    /// <summary>Narrows [start, end) to exclude Python whitespace on both sides.</summary>
    public static void Trim(string text, ref int start, ref int end)
    {
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
    }
}
