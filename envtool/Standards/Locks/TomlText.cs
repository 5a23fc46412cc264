using System.Globalization;
using System.Text;
using Tomlyn;
using Tomlyn.Model;

namespace EnvTool.Standards.Locks;

/// <summary>
/// TOML text for keys and values, deterministic: strings are basic strings with TOML escapes, or
/// literal strings when that avoids escaping double quotes (markers read better as
/// <c>'sys_platform == "win32"'</c>); tables nested in values are inline tables.
/// </summary>
internal static class TomlText
{
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : String(key);

    public static string String(string value)
    {
        var needsEscape = value.Any(c => c is '\\' || char.IsControl(c));
        if (!needsEscape && value.Contains('"') && !value.Contains('\''))
            return $"'{value}'";
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case var control when char.IsControl(control):
                    text.Append("\\u").Append(((int)control).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>A UTC date-time with as many fractional digits as it has (up to 7), e.g. <c>2025-01-25T11:30:10.164985Z</c>.</summary>
    public static string UtcDateTime(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = utc.ToString("fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return fraction.Length > 0 ? $"{text}.{fraction}Z" : $"{text}Z";
    }

    public static string StringArray(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(String))}]";

    /// <summary>Any value of Tomlyn's model, inline.</summary>
    public static string Value(object value) => value switch
    {
        string s => String(s),
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        TomlDateTime time => time.ToString(),
        TomlTable table => InlineTable(table),
        TomlTableArray tables => $"[{string.Join(", ", tables.Select(InlineTable))}]",
        TomlArray array => $"[{string.Join(", ", array.Select(item => Value(item!)))}]",
        _ => throw new ArgumentException($"a {value.GetType().Name} is not a TOML value", nameof(value)),
    };

    public static string InlineTable(TomlTable table) =>
        table.Count == 0 ? "{}" : $"{{{string.Join(", ", table.Select(pair => $"{Key(pair.Key)} = {Value(pair.Value)}"))}}}";

    private static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
