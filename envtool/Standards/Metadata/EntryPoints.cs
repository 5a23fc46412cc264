using System.Text.RegularExpressions;

namespace EnvTool.Standards.Metadata;

/// <summary>
/// One entry point: <c>name = module:attr [extra1, extra2]</c> in section <see cref="Group"/>.
/// <see cref="Value"/> is the text after '=' as importlib.metadata reports it; the parts are parsed
/// with importlib.metadata's own pattern.
/// </summary>
public sealed record EntryPoint(string Group, string Name, string Value, string Module, string? Attribute, IReadOnlyList<string> Extras)
{
    /// <summary>"module:attr" or "module", the object a script imports and calls.</summary>
    public string Target => Attribute is null ? Module : $"{Module}:{Attribute}";
}

/// <summary>
/// A dist-info <c>entry_points.txt</c>, read the way <c>importlib.metadata</c> reads it: lines are
/// stripped, blank lines and comments ('#', and ';' as configparser also allows) are skipped,
/// <c>[group]</c> starts a section, every other line is <c>name = value</c> split at the first '='.
/// Case is preserved and repeated names are kept in order.
/// </summary>
public sealed partial class EntryPoints
{
    public EntryPoints(IReadOnlyList<EntryPoint> all) => All = all;

    public IReadOnlyList<EntryPoint> All { get; }

    public IEnumerable<EntryPoint> Group(string group) => All.Where(e => e.Group == group);

    public IReadOnlyList<EntryPoint> ConsoleScripts => Group("console_scripts").ToList();
    public IReadOnlyList<EntryPoint> GuiScripts => Group("gui_scripts").ToList();

    public static EntryPoints Read(string path) => Parse(TolerantUtf8.ReadFile(path), path);

    public static EntryPoints Parse(string text, string source)
    {
        var entries = new List<EntryPoint>();
        string? group = null;
        var lines = PythonText.SplitLines(text);
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                group = line.Trim('[', ']');
                continue;
            }
            var eq = line.IndexOf('=');
            if (eq < 0) throw new FileParseException(source, n + 1, $"expected 'name = module:attr', found '{line}'");
            if (group is null) throw new FileParseException(source, n + 1, "entry point before the first [group] header");
            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (name.Length == 0) throw new FileParseException(source, n + 1, "entry point without a name");

            var match = ValuePattern().Match(value);
            if (!match.Success)
                throw new FileParseException(source, n + 1, $"entry point '{name}' has value '{value}', expected 'module:attr [extras]'");
            var extras = match.Groups["extras"].Success
                ? WordPattern().Matches(match.Groups["extras"].Value).Select(m => m.Value).ToList()
                : [];
            entries.Add(new EntryPoint(group, name, value, match.Groups["module"].Value,
                match.Groups["attr"].Success ? match.Groups["attr"].Value : null, extras));
        }
        return new EntryPoints(entries);
    }

    // importlib.metadata.EntryPoint.pattern; the value is already stripped.
    [GeneratedRegex(@"^(?<module>[\w.]+)\s*(:\s*(?<attr>[\w.]+)\s*)?((?<extras>\[.*\])\s*)?$")]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
