namespace EnvTool.Standards.Metadata;

/// <summary>One header of an email-format metadata file: the name as written, the raw value and its first line (1-based).</summary>
public sealed record HeaderField(string Name, string Value, int Line);

/// <summary>
/// The RFC 822-style format of METADATA, PKG-INFO and WHEEL, read exactly as Python's
/// <c>email.message_from_string</c> (compat32 policy) reads it, because that is what
/// <c>importlib.metadata</c> and pip report:
/// <list type="bullet">
/// <item>a value is the text after the colon with leading blanks removed, plus every continuation line
///   (a line starting with a space or tab) verbatim, newlines included, minus trailing newlines;</item>
/// <item>headers end at the first empty line, or at the first line that cannot be a header (such a line
///   starts the body instead);</item>
/// <item>names are matched case-insensitively and a repeated name keeps every value in order.</item>
/// </list>
/// Line endings are normalized to <c>\n</c> first, as Python's text-mode reading does.
/// </summary>
public sealed class EmailHeaderMessage
{
    private EmailHeaderMessage(IReadOnlyList<HeaderField> headers, string body)
    {
        Headers = headers;
        Body = body;
    }

    public IReadOnlyList<HeaderField> Headers { get; }

    /// <summary>Everything after the blank line that ends the headers; empty when there is none.</summary>
    public string Body { get; }

    /// <summary>The first value of <paramref name="name"/> (as Python's <c>msg[name]</c>), or null.</summary>
    public string? Get(string name) => Find(name)?.Value;

    public HeaderField? Find(string name)
    {
        foreach (var h in Headers)
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) return h;
        return null;
    }

    /// <summary>Every value of <paramref name="name"/> in file order (as Python's <c>msg.get_all(name)</c>, but empty instead of None).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var values = new List<string>();
        foreach (var h in Headers)
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)) values.Add(h.Value);
        return values;
    }

    public static EmailHeaderMessage Parse(string text)
    {
        var lines = SplitKeepingNewlines(PythonText.UniversalNewlines(text));
        var headers = new List<HeaderField>();
        string? name = null;
        var value = new System.Text.StringBuilder();
        int valueLine = 0;

        void Flush()
        {
            if (name is null) return;
            headers.Add(new HeaderField(name, value.ToString().TrimEnd('\r', '\n'), valueLine));
            name = null;
            value.Clear();
        }

        var i = 0;
        for (; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!LooksLikeHeader(line)) break;
            if (line[0] is ' ' or '\t')
            {
                // A continuation before any header is a defect Python drops.
                if (name is not null) value.Append(line);
                continue;
            }
            Flush();
            if (line.StartsWith("From ", StringComparison.Ordinal))
            {
                // An mbox envelope line: Python skips it, except as the very last header line,
                // where it is taken as the first line of the body.
                if (i != 0 && i == lines.Count - 1) break;
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon == 0) continue; // "Missing header name": Python drops the line.
            name = line[..colon];
            value.Append(line.AsSpan(colon + 1).TrimStart(" \t"));
            valueLine = i + 1;
        }
        Flush();

        // The blank line that ends the headers belongs to neither part; a non-header line starts the body.
        if (i < lines.Count && lines[i] == "\n") i++;
        var body = string.Concat(lines.Skip(i));
        return new EmailHeaderMessage(headers, body);
    }

    /// <summary>Python's <c>headerRE</c>: an envelope line, a field name of printable ASCII without ':' or space followed by ':', or a continuation.</summary>
    private static bool LooksLikeHeader(string line)
    {
        if (line.Length == 0) return false;
        if (line[0] is ' ' or '\t') return true;
        if (line.StartsWith("From ", StringComparison.Ordinal)) return true;
        foreach (var c in line)
        {
            if (c == ':') return true;
            if (c < '!' || c > '~') return false;
        }
        return false;
    }

    private static List<string> SplitKeepingNewlines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            var end = nl < 0 ? text.Length : nl + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }
}
