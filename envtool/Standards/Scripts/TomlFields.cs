using Tomlyn.Model;

namespace EnvTool.Standards.Scripts;

/// <summary>
/// Typed reads of optional keys from a PEP 723 block's TOML, with errors that name the key and the
/// script line it is on.
/// </summary>
internal sealed class TomlFields(string source, int firstContentLine, string[] contentLines)
{
    public string? String(TomlTable table, string key, string? path = null) =>
        Get(table, key) switch
        {
            null => null,
            string s => s,
            _ => throw Error(key, path, "must be a string"),
        };

    public bool? Bool(TomlTable table, string key, string? path = null) =>
        Get(table, key) switch
        {
            null => null,
            bool b => b,
            _ => throw Error(key, path, "must be true or false"),
        };

    public TomlTable? Table(TomlTable table, string key, string? path = null) =>
        Get(table, key) switch
        {
            null => null,
            TomlTable t => t,
            _ => throw Error(key, path, "must be a table"),
        };

    public IReadOnlyList<string>? StringList(TomlTable table, string key, string? path = null)
    {
        switch (Get(table, key))
        {
            case null:
                return null;
            case TomlArray array:
                var list = new List<string>(array.Count);
                foreach (var item in array)
                    list.Add(item as string ?? throw Error(key, path, "must be an array of strings"));
                return list;
            default:
                throw Error(key, path, "must be an array of strings");
        }
    }

    /// <summary>One entry of a list of requirements, parsed; errors name the list's line.</summary>
    public Requirements.Requirement Requirement(string text, string key)
    {
        try
        {
            return Requirements.Requirement.Parse(text);
        }
        catch (ParseException e)
        {
            throw new FileParseException(source, LineOf(key), $"'{key}' in the script metadata block: {e.Message}", inner: e);
        }
    }

    private static object? Get(TomlTable table, string key) => table.TryGetValue(key, out var value) ? value : null;

    private FileParseException Error(string key, string? path, string problem) =>
        new(source, LineOf(key), $"'{path ?? key}' in the script metadata block {problem}");

    /// <summary>The script line where <paramref name="key"/> is assigned or opened as a table, or the block's first line.</summary>
    private int LineOf(string key)
    {
        for (var i = 0; i < contentLines.Length; i++)
        {
            var text = contentLines[i].TrimStart('#').Trim();
            var header = text.StartsWith('[') ? text.Trim('[', ']').Trim() : null;
            if (text.StartsWith(key, StringComparison.Ordinal) && text[key.Length..].TrimStart().StartsWith('=')
                || header is not null && (header == key || header.EndsWith("." + key, StringComparison.Ordinal)))
                return firstContentLine + i;
        }
        return firstContentLine - 1;
    }
}
