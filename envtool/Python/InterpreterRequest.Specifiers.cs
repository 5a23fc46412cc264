using EnvTool.Standards.Versions;

namespace EnvTool.Python;

public sealed partial record InterpreterRequest
{
    /// <summary>A PEP 440 specifier set from <paramref name="start"/> to the end; errors point into the whole request.</summary>
    private static PythonVersionSpecifiers Specifiers(string text, int start) =>
        SpecifierSet.TryParse(text, start, text.Length, out var set, out var error)
            ? new PythonVersionSpecifiers(set!)
            : throw Error(text, error.Position, error.Problem);
}
