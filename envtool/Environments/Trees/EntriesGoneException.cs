namespace EnvTool.Environments.Trees;

/// <summary>
/// gc removed the entry of a package between its unrooted lookup (a remembered resolution) and the
/// build of a tree linking it. Nothing was published; provide the packages again.
/// </summary>
public sealed class EntriesGoneException(string name, string version)
    : Exception($"{name} {version} was removed from the store by gc before a tree linked it");
