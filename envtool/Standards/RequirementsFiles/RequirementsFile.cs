using EnvTool.Standards.Metadata;
using EnvTool.Standards.Requirements;

namespace EnvTool.Standards.RequirementsFiles;

/// <summary>
/// One requirement from a requirements file: the parsed PEP 508 requirement, its text as written (after
/// pip's preprocessing), where it came from, the <c>--hash</c> values given for it, and whether it came
/// from a constraints file (<c>-c</c>), in which case it limits versions without asking for the package.
/// </summary>
public sealed record RequirementsEntry(Requirement Requirement, string Text, string File, int Line, IReadOnlyList<RecordHash> Hashes, bool IsConstraint)
{
    public string Location => $"{File}:{Line}";
}

/// <summary>The file-level options a requirements file may set; they apply to the whole install.</summary>
public sealed class RequirementsOptions
{
    /// <summary>-i / --index-url; the last one given wins, as in pip.</summary>
    public string? IndexUrl { get; internal set; }
    public List<string> ExtraIndexUrls { get; } = [];
    /// <summary>-f / --find-links: URLs, or paths (made absolute when they exist relative to the requirements file).</summary>
    public List<string> FindLinks { get; } = [];
    public bool NoIndex { get; internal set; }
    public bool Pre { get; internal set; }
    public bool RequireHashes { get; internal set; }
}

/// <summary>
/// pip's requirements-file format: one requirement per line with optional <c>--hash</c> options,
/// option lines, nested <c>-r</c> requirements and <c>-c</c> constraints files (resolved relative to
/// the including file), comments, '\' continuations and <c>${VAR}</c> expansion. Editable requirements
/// are refused. Errors name <c>file:line</c>.
/// </summary>
public sealed class RequirementsFile
{
    /// <summary>Algorithms pip accepts for --hash.</summary>
    private static readonly string[] HashAlgorithms = ["sha256", "sha384", "sha512"];

    private readonly Func<string, string?> environment;
    private readonly List<RequirementsEntry> entries = [];
    private readonly Stack<string> including = new();

    private RequirementsFile(Func<string, string?> environment) => this.environment = environment;

    public IReadOnlyList<RequirementsEntry> Entries => entries;
    public RequirementsOptions Options { get; } = new();

    /// <summary>Reads <paramref name="path"/> and every file it includes.</summary>
    /// <param name="environment">Looks up <c>${VAR}</c> values; the process environment when null.</param>
    public static RequirementsFile Read(string path, Func<string, string?>? environment = null)
    {
        var file = new RequirementsFile(environment ?? Environment.GetEnvironmentVariable);
        file.ReadFile(path, isConstraint: false, includedFrom: null);
        return file;
    }

    private void ReadFile(string path, bool isConstraint, (string File, int Line)? includedFrom)
    {
        var fullPath = Path.GetFullPath(path);
        if (including.Contains(fullPath))
        {
            var chain = string.Join(" -> ", including.Reverse().Append(fullPath).Select(Path.GetFileName));
            throw new FileParseException(includedFrom!.Value.File, includedFrom.Value.Line,
                $"'{path}' is already being read: the requirements files include each other ({chain})");
        }

        string content;
        try
        {
            content = Decode(File.ReadAllBytes(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException
                ? $"requirements file '{path}' does not exist"
                : $"cannot read requirements file '{path}': {e.Message}";
            throw includedFrom is { } from
                ? new FileParseException(from.File, from.Line, problem, inner: e)
                : new FileParseException(path, null, problem, inner: e);
        }
        catch (FormatException)
        {
            throw new FileParseException(path, null, "the file is not valid UTF-8");
        }

        including.Push(fullPath);
        foreach (var (line, text) in LogicalLines.Read(content, environment))
            ReadLine(path, line, text, isConstraint);
        including.Pop();
    }

    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        if (!System.Text.Unicode.Utf8.IsValid(span)) throw new FormatException();
        return System.Text.Encoding.UTF8.GetString(span);
    }

    private void ReadLine(string file, int line, string text, bool isConstraint)
    {
        // pip splits a line at the first space-separated token that starts with '-': before it is the
        // requirement, from it on are options.
        var tokens = text.Split(' ');
        var firstOption = Array.FindIndex(tokens, t => t.StartsWith('-'));
        if (firstOption < 0) firstOption = tokens.Length;
        var requirement = string.Join(' ', tokens[..firstOption]);
        var options = ParseOptions(file, line, string.Join(' ', tokens[firstOption..]));

        if (requirement.Length > 0)
        {
            var hashes = new List<RecordHash>();
            foreach (var (name, value) in options)
            {
                if (name != "--hash")
                    throw new FileParseException(file, line, $"option '{name}' is not supported after a requirement (only --hash is)");
                hashes.Add(ParseHash(file, line, value!));
            }
            entries.Add(new RequirementsEntry(ParseRequirement(file, line, requirement), requirement, file, line, hashes, isConstraint));
            return;
        }

        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "--requirement":
                    ReadFile(Nested(file, line, value!), isConstraint: false, (file, line));
                    break;
                case "--constraint":
                    ReadFile(Nested(file, line, value!), isConstraint: true, (file, line));
                    break;
                case "--index-url": Options.IndexUrl = value; break;
                case "--extra-index-url": Options.ExtraIndexUrls.Add(value!); break;
                case "--find-links": Options.FindLinks.Add(FindLinksLocation(file, value!)); break;
                case "--no-index": Options.NoIndex = true; break;
                case "--pre": Options.Pre = true; break;
                case "--require-hashes": Options.RequireHashes = true; break;
                case "--hash":
                    throw new FileParseException(file, line, "--hash must follow a requirement on the same line");
            }
        }
    }

    /// <summary>
    /// As pip does, a find-links path that exists relative to the requirements file means that path;
    /// anything else (a URL, a path relative to the working directory) is kept as written.
    /// </summary>
    private static string FindLinksLocation(string file, string value)
    {
        if (value.Contains("://", StringComparison.Ordinal)) return value;
        var relative = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? "", value);
        return Directory.Exists(relative) || File.Exists(relative) ? relative : value;
    }

    private static Requirement ParseRequirement(string file, int line, string text)
    {
        try
        {
            return Requirement.Parse(text);
        }
        catch (ParseException e)
        {
            // pip also takes bare paths and URLs; envtool wants them named, so say how.
            var hint = text.Contains('/') || text.Contains('\\') || text.EndsWith(".whl", StringComparison.OrdinalIgnoreCase)
                ? "give a local or remote wheel as 'name @ url', e.g. 'demo @ file:///path/to/demo-1.0-py3-none-any.whl'"
                : null;
            throw new FileParseException(file, line, e.Message, hint, e);
        }
    }

    private static string Nested(string file, int line, string path)
    {
        if (path.Contains("://", StringComparison.Ordinal) || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            throw new FileParseException(file, line, $"'{path}': requirements files can only include local files");
        return Path.Combine(Path.GetDirectoryName(file) ?? "", path);
    }

    /// <summary>
    /// The options of one line as (canonical long name, value). Accepts <c>--name value</c>,
    /// <c>--name=value</c>, <c>-x value</c> and <c>-xvalue</c>.
    /// </summary>
    private static List<(string Name, string? Value)> ParseOptions(string file, int line, string text)
    {
        List<string> words;
        try { words = ShellWords.Split(text); }
        catch (FormatException e) { throw new FileParseException(file, line, $"cannot split options: {e.Message}"); }

        var options = new List<(string, string?)>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            string spelled;
            string? inlineValue = null;
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=');
                spelled = eq < 0 ? word : word[..eq];
                if (eq >= 0) inlineValue = word[(eq + 1)..];
            }
            else if (word.StartsWith('-') && word.Length >= 2)
            {
                spelled = word[..2];
                if (word.Length > 2) inlineValue = word[2..];
            }
            else
                throw new FileParseException(file, line, $"unexpected '{word}' among the options");

            if (spelled is "-e" or "--editable")
                throw new FileParseException(file, line, "editable requirements (-e/--editable) are not supported",
                    "envtool installs from wheels into a read-only store; list the project as a regular requirement, e.g. './path/to/project'");

            var (name, takesValue) = Canonical(spelled)
                ?? throw new FileParseException(file, line, $"unknown or unsupported option '{spelled}'");

            if (!takesValue)
            {
                if (inlineValue is not null) throw new FileParseException(file, line, $"option '{spelled}' does not take a value");
                options.Add((name, null));
                continue;
            }
            if (inlineValue is null)
            {
                if (++i == words.Count) throw new FileParseException(file, line, $"option '{spelled}' needs a value");
                inlineValue = words[i];
            }
            options.Add((name, inlineValue));
        }
        return options;
    }

    private static (string Name, bool TakesValue)? Canonical(string spelled) => spelled switch
    {
        "-r" or "--requirement" => ("--requirement", true),
        "-c" or "--constraint" => ("--constraint", true),
        "-i" or "--index-url" => ("--index-url", true),
        "--extra-index-url" => ("--extra-index-url", true),
        "-f" or "--find-links" => ("--find-links", true),
        "--no-index" => ("--no-index", false),
        "--pre" => ("--pre", false),
        "--require-hashes" => ("--require-hashes", false),
        "--hash" => ("--hash", true),
        _ => null,
    };

    private static RecordHash ParseHash(string file, int line, string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 0)
            throw new FileParseException(file, line, $"--hash '{value}' must be an algorithm and a hex digest, like --hash=sha256:0123abcd...");
        var algorithm = value[..colon];
        if (!HashAlgorithms.Contains(algorithm))
            throw new FileParseException(file, line, $"--hash algorithm '{algorithm}' is not allowed (use {string.Join(", ", HashAlgorithms)})");
        try
        {
            return RecordHash.FromHex(algorithm, value[(colon + 1)..]);
        }
        catch (ParseException e)
        {
            throw new FileParseException(file, line, $"--hash '{value}': {e.Problem}", inner: e);
        }
    }
}
