using EnvTool.Store.Errors;

namespace EnvTool.Standards;

/// <summary>
/// A file in one of the packaging formats (METADATA, WHEEL, RECORD, entry_points.txt, a requirements
/// file, a PEP 723 script) is malformed. The message names the file and, when known, the 1-based line:
/// <c>site-packages/foo-1.0.dist-info/RECORD:12: expected 3 fields, found 2</c>.
/// </summary>
public sealed class FileParseException : EnvToolException
{
    public FileParseException(string file, int? line, string problem, string? hint = null, Exception? inner = null)
        : base(line is { } n ? $"{file}:{n}: {problem}" : $"{file}: {problem}", hint, inner: inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file as the caller named it (a path, or a label such as "METADATA of foo-1.0.whl").</summary>
    public string File { get; }

    /// <summary>The 1-based line the problem is on, or null when it concerns the file as a whole.</summary>
    public int? Line { get; }

    public string Problem { get; }
}
