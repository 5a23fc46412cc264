using EnvTool.Standards;
using EnvTool.Store.Errors;

namespace EnvTool.Python;

/// <summary>
/// A <c>.python-version</c> file (pyenv's, also read by uv): the nearest one in a directory or its
/// parents pins the interpreter when none is asked for. Its first line that is neither blank nor a
/// comment is the request.
/// </summary>
public sealed record PythonVersionFile(string FilePath, IReadOnlyList<string> Lines)
{
    public const string FileName = ".python-version";

    /// <summary>The nearest file at or above <paramref name="directory"/>, or null.</summary>
    public static PythonVersionFile? FindFrom(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (!File.Exists(candidate)) continue;
            var lines = File.ReadAllLines(candidate)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .ToList();
            return new PythonVersionFile(candidate, lines);
        }
        return null;
    }

    /// <summary>The request the file makes.</summary>
    /// <exception cref="EnvToolException">The file names nothing, or something that is not a request.</exception>
    public InterpreterRequest Request()
    {
        if (Lines.Count == 0)
            throw new EnvToolException($"'{FilePath}' names no Python version",
                "write a version such as 3.12 into it, or delete it");
        try
        {
            return InterpreterRequest.Parse(Lines[0]);
        }
        catch (ParseException e)
        {
            throw new EnvToolException($"{e.Message} (in '{FilePath}')", $"fix or delete '{FilePath}'; {e.Hint}", inner: e);
        }
    }
}
