namespace EnvTool.Python;

public sealed partial record InterpreterRequest
{
    // PENDING: replaced by EnvTool.Standards.Versions.SpecifierSet once the pep440 branch is merged.
    private static PythonVersionRequest Specifiers(string text, int start) =>
        throw Error(text, start, "version specifiers are not supported yet");
}
