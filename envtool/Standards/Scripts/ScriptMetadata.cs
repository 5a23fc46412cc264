using System.Text.RegularExpressions;
using EnvTool.Standards.Requirements;
using Tomlyn.Model;

namespace EnvTool.Standards.Scripts;

/// <summary>
/// The inline metadata of a single-file script (PEP 723): the one <c># /// script</c> comment block,
/// its TOML decoded, and what envtool uses from it: <c>dependencies</c>, <c>requires-python</c> and the
/// index options under <c>[tool.envtool]</c>. Blocks are found exactly as the PEP's reference regular
/// expression finds them; errors name the script line.
/// </summary>
public sealed partial class ScriptMetadata
{
    private ScriptMetadata(int startLine, int endLine, string toml, TomlTable table)
    {
        StartLine = startLine;
        EndLine = endLine;
        Toml = toml;
        Table = table;
    }

    /// <summary>The 1-based line of <c># /// script</c>.</summary>
    public int StartLine { get; }

    /// <summary>The 1-based line of the closing <c># ///</c>.</summary>
    public int EndLine { get; }

    /// <summary>The decoded TOML text (comment prefixes removed).</summary>
    public string Toml { get; }

    public TomlTable Table { get; }

    /// <summary>The <c>dependencies</c> strings as written.</summary>
    public IReadOnlyList<string> Dependencies { get; private set; } = [];

    /// <summary>The <c>dependencies</c>, parsed (each must be a valid PEP 508 requirement).</summary>
    public IReadOnlyList<Requirement> Requirements { get; private set; } = [];
    public string? RequiresPython { get; private set; }

    /// <summary>[tool.envtool] index-url.</summary>
    public string? IndexUrl { get; private set; }
    public IReadOnlyList<string> ExtraIndexUrls { get; private set; } = [];
    public IReadOnlyList<string> FindLinks { get; private set; } = [];
    public bool NoIndex { get; private set; }
    public bool Pre { get; private set; }

    public static ScriptMetadata? Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The script's metadata, or null when it has no <c>script</c> block.</summary>
    /// <param name="script">The script's text.</param>
    /// <param name="source">How errors name the script, e.g. its path.</param>
    public static ScriptMetadata? Parse(string script, string source)
    {
        var lines = PythonText.UniversalNewlines(script).Split('\n');
        var blocks = FindBlocks(lines, source).Where(b => b.Type == "script").ToList();
        if (blocks.Count == 0) return null;
        if (blocks.Count > 1)
            throw new FileParseException(source, blocks[1].Start + 1,
                $"a second '# /// script' block (the first starts at line {blocks[0].Start + 1}); a script may have only one");

        var (_, start, end) = blocks[0];
        var toml = string.Concat(lines[(start + 1)..end].Select(l => (l.StartsWith("# ", StringComparison.Ordinal) ? l[2..] : l[1..]) + "\n"));
        TomlTable table;
        try
        {
            table = StrictToml.Parse(toml);
        }
        catch (TomlSyntaxException e)
        {
            throw new FileParseException(source, start + 1 + e.Line, $"invalid TOML in the script metadata block: {e.Problem}", inner: e);
        }

        var metadata = new ScriptMetadata(start + 1, end + 1, toml, table);
        var fields = new TomlFields(source, start + 2, lines[(start + 1)..end]);
        metadata.Dependencies = fields.StringList(table, "dependencies") ?? [];
        metadata.Requirements = metadata.Dependencies.Select(d => fields.Requirement(d, "dependencies")).ToList();
        metadata.RequiresPython = fields.String(table, "requires-python");
        if (fields.Table(table, "tool") is { } tool && fields.Table(tool, "envtool", "tool.envtool") is { } envtool)
        {
            metadata.IndexUrl = fields.String(envtool, "index-url");
            metadata.ExtraIndexUrls = fields.StringList(envtool, "extra-index-url") ?? [];
            metadata.FindLinks = fields.StringList(envtool, "find-links") ?? [];
            metadata.NoIndex = fields.Bool(envtool, "no-index") ?? false;
            metadata.Pre = fields.Bool(envtool, "pre") ?? false;
        }
        return metadata;
    }

    /// <summary>
    /// Every block as <c>re.finditer</c> with the PEP's expression would yield it: a header
    /// <c># /// TYPE</c>, at least one content line (<c>#</c> alone or <c>#</c> plus a space), and the
    /// last <c># ///</c> of the run of content lines as the end. A <c>script</c> header that no end
    /// closes is an error (the expression would silently skip it).
    /// </summary>
    private static IEnumerable<(string Type, int Start, int End)> FindBlocks(string[] lines, string source)
    {
        // The regex needs a newline after each content line, so the file's last line can only be an end line.
        for (var i = 0; i < lines.Length; i++)
        {
            var header = HeaderPattern().Match(lines[i]);
            if (!header.Success) continue;
            var type = header.Groups["type"].Value;

            var runEnd = i + 1;
            while (runEnd < lines.Length - 1 && IsContentLine(lines[runEnd])) runEnd++;
            // lines[i+1 .. runEnd-1] are content lines that have a newline after them; the end is the
            // last "# ///" among lines[i+2 .. runEnd] (one content line at least).
            var end = -1;
            for (var k = runEnd; k >= i + 2; k--)
                if (k < lines.Length && lines[k] == "# ///") { end = k; break; }

            if (end < 0)
            {
                if (type == "script")
                    throw new FileParseException(source, i + 1,
                        lines.Length > i + 1 && lines[i + 1] == "# ///"
                            ? "the '# /// script' block is empty"
                            : "the '# /// script' block is never closed: expected a '# ///' line after its comment lines");
                continue;
            }
            yield return (type, i, end);
            i = end;
        }
    }

    private static bool IsContentLine(string line) => line == "#" || line.StartsWith("# ", StringComparison.Ordinal);

    [GeneratedRegex(@"^# /// (?<type>[a-zA-Z0-9-]+)$")]
    private static partial Regex HeaderPattern();
}
