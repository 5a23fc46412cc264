using System.Globalization;

namespace EnvTool.Standards.Metadata;

/// <summary>A file-format version header such as <c>Metadata-Version: 2.1</c> or <c>Wheel-Version: 1.0</c>.</summary>
internal static class FormatVersion
{
    public static (int Major, int Minor) Parse(HeaderField field, string source)
    {
        var text = field.Value.Trim();
        var dot = text.IndexOf('.');
        if (dot <= 0 || !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            throw new FileParseException(source, field.Line, $"{field.Name} '{field.Value}' is not of the form MAJOR.MINOR");
        return (major, minor);
    }
}
