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
        if (text.Contains('"'))
        {
            foreach (var (line, fields) in CsvRecords(text, source))
            {
                if (fields.Count != 3)
                    throw new FileParseException(source, line, $"expected 3 fields (path,hash,size), found {fields.Count}");
                rows.Add(Row(source, line, fields[0], fields[1], fields[2]));
            }
            return new RecordFile(rows);
        }
        // Almost every RECORD quotes nothing: its records are its lines, its fields what commas
        // separate, read in place (the csv state machine with a string per field made a fifth of
        // a tree's allocations).
        var number = 0;
        for (var start = 0; start < text.Length;)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            end = end < 0 ? text.Length : start + end;
            number++;
            var line = text.AsSpan(start, end - start);
            start = end + (end + 1 < text.Length && text[end] == '\r' && text[end + 1] == '\n' ? 2 : 1);
            if (line.IsEmpty) continue;
            var commas = line.Count(',');
            if (commas != 2) throw new FileParseException(source, number, $"expected 3 fields (path,hash,size), found {commas + 1}");
            var first = line.IndexOf(',');
            var second = first + 1 + line[(first + 1)..].IndexOf(',');
            rows.Add(Row(source, number, line[..first].ToString(), line[(first + 1)..second], line[(second + 1)..]));
        }
        return new RecordFile(rows);
    }

    private static RecordRow Row(string source, int line, string path, ReadOnlySpan<char> hashText, ReadOnlySpan<char> sizeText)
    {
        if (path.Length == 0) throw new FileParseException(source, line, "the path is empty");
        RecordHash? hash = null;
        if (hashText.Length > 0)
        {
            try { hash = RecordHash.Parse(hashText.ToString()); }
            catch (ParseException e) { throw new FileParseException(source, line, e.Message, inner: e); }
        }
        long? size = null;
        if (sizeText.Length > 0)
        {
            if (sizeText.ContainsAnyExceptInRange('0', '9') || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new FileParseException(source, line, $"size '{sizeText}' is not a non-negative integer");
            size = n;
        }
        return new RecordRow(path, hash, size);
    }

    /// <summary>
    /// The file as pip writes it: rows sorted by (path, hash, size) in code point order, each field
    /// quoted only when it holds ',', '"', CR or LF, every row ended by CRLF.
    /// </summary>
    public string ToText()
    {
        // Sizes compare as the text they are written as (pip sorts strings), but only a row that
        // repeats a path and a hash gets that far: they are not made into strings to sort.
        static string Hash(RecordRow r) => r.Hash?.ToString() ?? "";
        static string Size(RecordRow r) => r.Size?.ToString(CultureInfo.InvariantCulture) ?? "";
        var rows = Rows.ToArray();
        Array.Sort(rows, (a, b) =>
        {
            var c = CompareCodePoints(a.Path, b.Path);
            if (c == 0) c = CompareCodePoints(Hash(a), Hash(b));
            if (c == 0) c = CompareCodePoints(Size(a), Size(b));
            return c;
        });
        var text = new StringBuilder(rows.Length * 96);
        foreach (var row in rows)
        {
            AppendField(text, row.Path);
            text.Append(',');
            AppendField(text, Hash(row));
            text.Append(',');
            if (row.Size is { } size) text.Append(size); // digits: never quoted
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
