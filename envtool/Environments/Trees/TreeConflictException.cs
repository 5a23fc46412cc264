using EnvTool.Store.Errors;

namespace EnvTool.Environments.Trees;

/// <summary>
/// Two packages would put different content at the same path of one environment. pip lets the last
/// one installed overwrite the first (and uninstalling either then breaks the other); envtool
/// refuses instead. Identical content at one path is allowed.
/// </summary>
public sealed class TreeConflictException(string path, string first, string second)
    : EnvToolException(
        $"{first} and {second} both install '{path}' with different content",
        "envtool will not let one package overwrite another's file; install only one of them")
{
    public string TreePath { get; } = path;
    public string First { get; } = first;
    public string Second { get; } = second;
}
