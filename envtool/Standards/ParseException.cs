using EnvTool.Store.Errors;

namespace EnvTool.Standards;

/// <summary>
/// Strict parsing failed. The message names the input, the column (0-based <see cref="Position"/>)
/// and what was expected, e.g. <c>invalid requirement 'foo[bar': expected ']' at column 8</c>.
/// </summary>
public sealed class ParseException : EnvToolException
{
    public ParseException(string what, string input, int position, string problem, string? hint = null)
        : base(Format(what, input, position, problem), hint)
    {
        What = what;
        Input = input;
        Position = position;
        Problem = problem;
    }

    /// <summary>The kind of thing being parsed: "version", "requirement", "marker", "wheel file name"...</summary>
    public string What { get; }
    public string Input { get; }
    public int Position { get; }
    public string Problem { get; }

    private static string Format(string what, string input, int position, string problem) =>
        position >= 0
            ? $"invalid {what} '{input}': {problem} at column {position + 1}"
            : $"invalid {what} '{input}': {problem}";
}
