using EnvTool.Store.Errors;

namespace EnvTool.Standards.Locks;

/// <summary>A lock file cannot be installed for a target: wrong Python or environment, an ambiguous or uninstallable package, no fitting wheel.</summary>
public sealed class LockSelectionException(string message, string? hint = null) : EnvToolException(message, hint);
