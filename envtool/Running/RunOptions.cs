using EnvTool.Index;

namespace EnvTool.Running;

/// <summary>What the command line adds to a script's own metadata (or gives a tool or command alone).</summary>
/// <param name="With">Extra requirements (--with), each a requirement or a wheel path.</param>
/// <param name="Python">The interpreter request (--python), else null: the default interpreter, or the best one for requires-python.</param>
/// <param name="Sources">Index options from the command line; they come before the script's own.</param>
/// <param name="LockPath">An explicit lock file (--lock), else null.</param>
public sealed record RunOptions(IReadOnlyList<string> With, string? Python, IndexOptions Sources, bool Pre, string? LockPath = null)
{
    public static RunOptions None { get; } = new([], null, new IndexOptions(), false);
}
