namespace EnvTool.Store.Errors;

/// <summary>A directory named as a read-only store layer (ENVTOOL_STORE_RO) that cannot serve as one.</summary>
public sealed class StoreLayerException(string root, string problem, string? hint = null)
    : EnvToolException($"read-only store {root} {problem}", hint ?? "fix ENVTOOL_STORE_RO (directories of stores, separated by ':')")
{
    public string Root { get; } = root;
}
