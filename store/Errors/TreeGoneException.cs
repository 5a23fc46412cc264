namespace EnvTool.Store.Errors;

/// <summary>
/// gc removed a tree between a caller finding it (without a root: see
/// <see cref="Trees.TreeStore.GetOrBuild"/>) and a generation naming it. Nothing was changed; ask
/// for the tree again with a root, which builds it anew.
/// </summary>
public sealed class TreeGoneException(string key)
    : Exception($"tree {key} was removed by gc before a generation named it");
