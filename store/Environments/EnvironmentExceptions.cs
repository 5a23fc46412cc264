using EnvTool.Store.Errors;

namespace EnvTool.Store.Environments;

/// <summary>Something envtool did not make occupies the environment path; it is never deleted or replaced.</summary>
public sealed class EnvironmentPathTakenException(string path, string what)
    : EnvToolException(
        $"'{path}' is {what}, not an envtool environment; it was left untouched",
        "choose another path, or move it away yourself if it is no longer needed")
{
    public string PathName { get; } = path;
}

/// <summary>A command that changes or reads an environment found nothing at its path.</summary>
public sealed class NoEnvironmentException(string path)
    : EnvToolException($"no environment at '{path}'", $"create one with `envtool create {path}`")
{
    public string PathName { get; } = path;
}

/// <summary>
/// The compare-and-swap of the current generation failed: another process switched the environment
/// between this one reading it and switching it. Nothing was changed by this process.
/// </summary>
public sealed class EnvironmentChangedException(string path, int? expected, int? found)
    : EnvToolException(
        $"'{path}' was changed by another process while this command ran (expected generation {Show(expected)}, found {Show(found)}); this command changed nothing",
        "run the command again: it will build on the other process's result")
{
    private static string Show(int? generation) => generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
