using EnvTool.Environments;
using EnvTool.Install;

namespace EnvTool.Running;

/// <summary>What the command line adds to a script's own metadata (or gives a tool or command alone).</summary>
/// <param name="With">Extra requirements (--with, and the requirements of -r files).</param>
/// <param name="Python">The interpreter request (--python), else null: the default interpreter, or the best one for requires-python.</param>
/// <param name="Sources">The command line's sources and rules; a script's own sources are added to them.</param>
/// <param name="LockPath">An explicit lock file (--lock), else null: a script's SCRIPT.lock beside it when there is one.</param>
public sealed record RunOptions(IReadOnlyList<PackageRequest> With, string? Python, InstallSources Sources, string? LockPath = null);
