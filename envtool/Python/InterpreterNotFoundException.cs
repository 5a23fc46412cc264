using EnvTool.Store.Errors;

namespace EnvTool.Python;

/// <summary>No interpreter satisfies a request. The message names the request and what was found instead.</summary>
public sealed class InterpreterNotFoundException : EnvToolException
{
    /// <param name="found">What discovery found instead; null when the request named one place (a path).</param>
    public InterpreterNotFoundException(InterpreterRequest request, string problem, IReadOnlyList<InterpreterInfo>? found, string? origin = null)
        : base($"no Python interpreter found for '{request}'{(origin is null ? "" : $" (from {origin})")}: {problem}"
               + (found is null ? "" : found.Count == 0 ? "; found no interpreters at all" : "; found " + string.Join(", ", found.Select(Describe))),
            HintFor(request))
    {
        Request = request;
        Found = found ?? [];
    }

    public InterpreterRequest Request { get; }
    public IReadOnlyList<InterpreterInfo> Found { get; }

    private static string Describe(InterpreterInfo i) =>
        (i.Implementation == "cpython" ? "" : i.Implementation + " ") + $"{i.FullVersion} ({i.Executable})";

    private static string HintFor(InterpreterRequest request) => request.Kind switch
    {
        InterpreterRequestKind.Version when request.Version is PythonVersionPrefix { Minor: not null } v && request.Implementation is null or "cpython" =>
            $"install it, e.g. `pyenv install {v}`, or pass --python PATH to an interpreter",
        InterpreterRequestKind.Path => "check the path, or run `envtool python list` to see the interpreters found",
        _ => "install a matching Python (e.g. with pyenv), or pass --python PATH to an interpreter",
    };
}
