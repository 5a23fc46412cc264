using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace EnvTool.Standards.Locks;

/// <summary>
/// Typed, strict reads of one table of a lock file. Every error names the file, the line the key was
/// written on (from the spans Tomlyn records while parsing) and the key path, e.g.
/// <c>pylock.toml:12: packages[3].wheels[0].hashes: at least one hash is required</c>. Keys the reader
/// never asked for are unknown keys (<see cref="CheckUnknownKeys"/>).
/// </summary>
internal sealed class LockTable
{
    private readonly LockDocument _document;
    private readonly int _fallbackLine;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public LockTable(LockDocument document, TomlTable table, string path, int fallbackLine)
    {
        _document = document;
        Toml = table;
        Path = path;
        _fallbackLine = fallbackLine;
    }

    /// <summary>The table as parsed.</summary>
    public TomlTable Toml { get; }
    /// <summary>The key path of this table, e.g. <c>packages[3].wheels[0]</c>; empty for the document.</summary>
    public string Path { get; }

    /// <summary>The first line of the table's own keys (the line after a <c>[[packages]]</c> header), or where it was referenced.</summary>
    public int Line
    {
        get
        {
            var first = int.MaxValue;
            foreach (var key in Toml.Keys)
                if (_document.KeyLine(Toml, key) is { } line && line < first) first = line;
            return first == int.MaxValue ? _fallbackLine : first;
        }
    }

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public int LineOf(string key) => _document.KeyLine(Toml, key) ?? Line;

    /// <summary>The problem is about <paramref name="key"/>: names its line and path.</summary>
    public FileParseException Error(string key, string problem, string? hint = null, Exception? inner = null) =>
        new(_document.File, LineOf(key), $"{KeyPath(key)}: {problem}", hint, inner);

    /// <summary>The problem is about the table as a whole (e.g. a missing key).</summary>
    public FileParseException TableError(string problem, string? hint = null) =>
        new(_document.File, Line, Path.Length == 0 ? problem : $"{Path}: {problem}", hint);

    public string? String(string key) => Get(key) switch
    {
        null => null,
        string s => s,
        var other => throw WrongType(key, other, "a string"),
    };

    public string RequiredString(string key) => String(key) ?? throw Missing(key, "a string");

    /// <summary>A string that must not be empty (a URL, a path, a name).</summary>
    public string? NonEmptyString(string key)
    {
        var value = String(key);
        if (value is not null && value.Length == 0) throw Error(key, "must not be empty");
        return value;
    }

    public long? NonNegativeInteger(string key) => Get(key) switch
    {
        null => null,
        long n when n >= 0 => n,
        long n => throw Error(key, $"must not be negative, found {n}"),
        var other => throw WrongType(key, other, "an integer"),
    };

    public bool? Bool(string key) => Get(key) switch
    {
        null => null,
        bool b => b,
        var other => throw WrongType(key, other, "true or false"),
    };

    /// <summary>A TOML offset date-time in UTC (PEP 751 requires upload times in UTC).</summary>
    public DateTimeOffset? UtcDateTime(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case TomlDateTime { Kind: TomlDateTimeKind.OffsetDateTimeByZ or TomlDateTimeKind.OffsetDateTimeByNumber } time:
                if (time.DateTime.Offset != TimeSpan.Zero)
                    throw Error(key, $"must be in UTC, found the offset {time}", "write it with 'Z' or '+00:00', e.g. 2025-01-25T11:30:10Z");
                return time.DateTime;
            case TomlDateTime time:
                throw Error(key, $"must be a date-time with its UTC offset, found '{time}'", "write it with 'Z' or '+00:00', e.g. 2025-01-25T11:30:10Z");
            case var other:
                throw WrongType(key, other, "a date-time");
        }
    }

    public LockTable? Table(string key) => Get(key) switch
    {
        null => null,
        TomlTable t => new LockTable(_document, t, KeyPath(key), LineOf(key)),
        var other => throw WrongType(key, other, "a table"),
    };

    /// <summary>A table kept as written (the <c>tool</c> tables).</summary>
    public TomlTable? OpaqueTable(string key) => Table(key)?.Toml;

    public IReadOnlyList<string>? StringArray(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case TomlArray array:
                var list = new List<string>(array.Count);
                for (var i = 0; i < array.Count; i++)
                    list.Add(array[i] as string ?? throw Error(key, $"item {i} must be a string, found {Describe(array[i])}"));
                return list;
            case var other:
                throw WrongType(key, other, "an array of strings");
        }
    }

    /// <summary>An array of tables, written either as <c>[[key]]</c> sections or as an inline array of inline tables.</summary>
    public IReadOnlyList<LockTable>? TableArray(string key)
    {
        var line = LineOf(key);
        switch (Get(key))
        {
            case null:
                return null;
            case TomlTableArray tables:
                return tables.Select((t, i) => new LockTable(_document, t, $"{KeyPath(key)}[{i}]", line)).ToList();
            case TomlArray array:
                var list = new List<LockTable>(array.Count);
                for (var i = 0; i < array.Count; i++)
                    list.Add(array[i] is TomlTable t
                        ? new LockTable(_document, t, $"{KeyPath(key)}[{i}]", line)
                        : throw Error(key, $"item {i} must be a table, found {Describe(array[i])}"));
                return list;
            case var other:
                throw WrongType(key, other, "an array of tables");
        }
    }

    /// <summary>
    /// Reports every key no read asked about: an error for a format version envtool knows fully, a
    /// warning for a newer minor version (PEP 751: tools SHOULD warn about keys they do not know).
    /// </summary>
    public void CheckUnknownKeys()
    {
        foreach (var key in Toml.Keys)
        {
            if (_known.Contains(key)) continue;
            if (_document.ToleratesUnknownKeys)
                _document.Warn(LineOf(key), $"{KeyPath(key)}: unknown key, ignored (lock-version {_document.LockVersion} is newer than {PyLock.FormatVersion})");
            else
                throw Error(key, "unknown key", "tool-specific data belongs in a [tool] table");
        }
    }

    private object? Get(string key)
    {
        _known.Add(key);
        return Toml.TryGetValue(key, out var value) ? value : null;
    }

    private FileParseException Missing(string key, string type) =>
        TableError($"'{key}' is required ({type})");

    private FileParseException WrongType(string key, object value, string expected) =>
        Error(key, $"must be {expected}, found {Describe(value)}");

    internal static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string '{s}'",
        long n => $"the integer {n}",
        double d => $"the float {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        bool b => b ? "true" : "false",
        TomlDateTime t => $"the date-time {t}",
        TomlTable => "a table",
        TomlTableArray => "an array of tables",
        TomlArray => "an array",
        _ => value.GetType().Name,
    };
}

/// <summary>The document being read: its name, where each key was written, and the warnings so far.</summary>
internal sealed class LockDocument(string file, ITomlMetadataStore spans)
{
    private readonly List<string> _warnings = [];

    public string File { get; } = file;
    public IReadOnlyList<string> Warnings => _warnings;
    public string LockVersion { get; set; } = PyLock.FormatVersion;
    public bool ToleratesUnknownKeys { get; set; }

    /// <summary>The 1-based line of <paramref name="key"/> in <paramref name="table"/>, when Tomlyn recorded it.</summary>
    public int? KeyLine(TomlTable table, string key) =>
        spans.TryGetProperties(table, out var properties) && properties is not null
        && properties.TryGetProperty(key, out var property) && property?.Span is { } span
            ? span.Start.Line + 1
            : null;

    public void Warn(int line, string problem) => _warnings.Add($"{File}:{line}: {problem}");
}
