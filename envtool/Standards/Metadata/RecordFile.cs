using System.Globalization;
using System.Text;

namespace EnvTool.Standards.Metadata;

/// <summary>One row of RECORD: a path relative to the site-packages root ('/'-separated, may start with
/// '../' for scripts), its hash and size; RECORD itself and .pyc files have neither.</summary>
public sealed record RecordRow(string Path, RecordHash? Hash, long? Size);

/// <summary>
/// A dist-info <c>RECORD</c>: CSV as Python's <c>csv</c> module reads and writes it (excel dialect:
/// ',' separated, '"' quoted with doubled quotes inside, records ended by CRLF, LF or CR, newlines
/// allowed inside quoted fields). Every row must have the three columns path, hash, size.
/// </summary>
public sealed class RecordFile
{
    public RecordFile(IReadOnlyList<RecordRow> rows) => Rows = rows;

    public IReadOnlyList<RecordRow> Rows { get; }

    public static RecordFile Read(string path) => Parse(TolerantUtf8.ReadFile(path), path);

    public static RecordFile Parse(string text, string source)
    {
        var rows = new List<RecordRow>();
        foreach (var (line, fields) in CsvRecords(text, source))
        {
            if (fields.Count != 3)
                throw new FileParseException(source, line, $"expected 3 fields (path,hash,size), found {fields.Count}");
            var (path, hashText, sizeText) = (fields[0], fields[1], fields[2]);
            if (path.Length == 0) throw new FileParseException(source, line, "the path is empty");

            RecordHash? hash = null;
            if (hashText.Length > 0)
            {
                try { hash = RecordHash.Parse(hashText); }
                catch (ParseException e) { throw new FileParseException(source, line, e.Message, inner: e); }
            }

            long? size = null;
            if (sizeText.Length > 0)
            {
                if (!sizeText.All(char.IsAsciiDigit) || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    throw new FileParseException(source, line, $"size '{sizeText}' is not a non-negative integer");
                size = n;
            }
            rows.Add(new RecordRow(path, hash, size));
        }
        return new RecordFile(rows);
    }

    /// <summary>
    /// The file as pip writes it: rows sorted by (path, hash, size) in code point order, each field
    /// quoted only when it holds ',', '"', CR or LF, every row ended by CRLF.
    /// </summary>
    public string ToText()
    {
        var rows = Rows
            .Select(r => (r.Path, Hash: r.Hash?.ToString() ?? "", Size: r.Size?.ToString(CultureInfo.InvariantCulture) ?? ""))
            .ToList();
        rows.Sort((a, b) =>
        {
            var c = CompareCodePoints(a.Path, b.Path);
            if (c == 0) c = CompareCodePoints(a.Hash, b.Hash);
            if (c == 0) c = CompareCodePoints(a.Size, b.Size);
            return c;
        });
        var text = new StringBuilder();
        foreach (var (path, hash, size) in rows)
        {
            AppendField(text, path);
            text.Append(',');
            AppendField(text, hash);
            text.Append(',');
            AppendField(text, size);
            text.Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>Writes <see cref="ToText"/> as UTF-8 without a byte order mark.</summary>
    public void Write(string path) => File.WriteAllText(path, ToText(), new UTF8Encoding(false));

    private static void AppendField(StringBuilder text, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(field);
            return;
        }
        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>Python compares str by code point; ordinal UTF-16 comparison differs only for astral vs. U+E000-U+FFFF.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length)
        {
            if (a[i] != b[i])
            {
                var ra = char.IsHighSurrogate(a[i]) && i + 1 < a.Length && char.IsLowSurrogate(a[i + 1]) ? char.ConvertToUtf32(a[i], a[i + 1]) : a[i];
                var rb = char.IsHighSurrogate(b[i]) && i + 1 < b.Length && char.IsLowSurrogate(b[i + 1]) ? char.ConvertToUtf32(b[i], b[i + 1]) : b[i];
                return ra.CompareTo(rb);
            }
            i++;
        }
        return a.Length.CompareTo(b.Length);
    }

    private enum CsvState { StartRecord, StartField, InField, InQuoted, QuoteInQuoted }

    /// <summary>
    /// Python's csv reader state machine (excel dialect, not strict), except that an unterminated quoted
    /// field is an error rather than silently ending the file. Blank lines yield no record.
    /// Each record comes with the 1-based line it starts on.
    /// </summary>
    private static IEnumerable<(int Line, List<string> Fields)> CsvRecords(string text, string source)
    {
        var state = CsvState.StartRecord;
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, quoteLine = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isNewline = c is '\n' or '\r';
            switch (state)
            {
                case CsvState.StartRecord:
                    if (isNewline) break;
                    recordLine = line;
                    state = CsvState.StartField;
                    goto case CsvState.StartField;
                case CsvState.StartField:
                    if (c == '"') { state = CsvState.InQuoted; quoteLine = line; }
                    else if (c == ',') fields.Add("");
                    else if (isNewline) { fields.Add(""); yield return (recordLine, fields); fields = []; state = CsvState.StartRecord; }
                    else { field.Append(c); state = CsvState.InField; }
                    break;
                case CsvState.InField:
                    if (c == ',') { fields.Add(field.ToString()); field.Clear(); state = CsvState.StartField; }
                    else if (isNewline) { fields.Add(field.ToString()); field.Clear(); yield return (recordLine, fields); fields = []; state = CsvState.StartRecord; }
                    else field.Append(c);
                    break;
                case CsvState.InQuoted:
                    if (c == '"') state = CsvState.QuoteInQuoted;
                    else field.Append(c);
                    break;
                case CsvState.QuoteInQuoted:
                    if (c == '"') { field.Append('"'); state = CsvState.InQuoted; }
                    else if (c == ',') { fields.Add(field.ToString()); field.Clear(); state = CsvState.StartField; }
                    else if (isNewline) { fields.Add(field.ToString()); field.Clear(); yield return (recordLine, fields); fields = []; state = CsvState.StartRecord; }
                    else { field.Append(c); state = CsvState.InField; }
                    break;
            }
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) line++;
        }

        switch (state)
        {
            case CsvState.InQuoted:
                throw new FileParseException(source, quoteLine, "a quoted field is never closed");
            case CsvState.StartField or CsvState.InField or CsvState.QuoteInQuoted:
                fields.Add(field.ToString());
                yield return (recordLine, fields);
                break;
        }
    }
}
