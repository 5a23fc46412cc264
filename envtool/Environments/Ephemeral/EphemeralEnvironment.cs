using EnvTool.Python;

namespace EnvTool.Environments.Ephemeral;

/// <summary>How an ephemeral environment was made ready, fastest first.</summary>
public enum EphemeralOrigin
{
    /// <summary>The symlink was there, pointing at a published tree: nothing was done but recording the use.</summary>
    Linked,
    /// <summary>The symlink was gone (a wiped temp directory) and was recreated from the catalog's record: no resolution.</summary>
    Relinked,
    /// <summary>The packages were resolved (or read from a lock) and a tree was found or built for them.</summary>
    Built,
}

/// <param name="Path">The environment: a symlink in the private temp directory, named by the needs' key.</param>
/// <param name="TreeReused">When <see cref="Origin"/> is Built: an identical tree was already in the store.</param>
public sealed record EphemeralEnvironment(string Path, string TreeKey, InterpreterInfo Interpreter, EphemeralOrigin Origin,
                                          bool TreeReused, IReadOnlyList<string> Warnings)
{
    public string BinDirectory => System.IO.Path.Combine(Path, "bin");
}
