namespace EnvTool.Standards.RequirementsFiles;

/// <summary>Python's <c>shlex.split</c> (POSIX mode, no comments), which pip applies to the option part of a line.</summary>
internal static class ShellWords
{
    /// <exception cref="FormatException">A quotation is never closed, or the text ends in an escape.</exception>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\\':
                    if (++i == text.Length) throw new FormatException("no escaped character after '\\'");
                    word.Append(text[i]);
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0) throw new FormatException("no closing quotation");
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    for (i++; ; i++)
                    {
                        if (i == text.Length) throw new FormatException("no closing quotation");
                        if (text[i] == '"') break;
                        // Inside double quotes a backslash escapes only '"' and '\' (and '$', '`' in a shell).
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`') i++;
                        word.Append(text[i]);
                    }
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
