namespace EnvTool.Python;

/// <summary>Where discovery found an interpreter, in the order it looks (earlier wins ties).</summary>
public enum InterpreterSource
{
    /// <summary>Chosen by a request (a path, an executable name, a .python-version) rather than by looking around.</summary>
    Requested,
    /// <summary>The base interpreter of the activated virtual environment ($VIRTUAL_ENV).</summary>
    VirtualEnvBase,
    /// <summary>On PATH (pyenv shims followed to the version they select).</summary>
    SearchPath,
    /// <summary>Installed by pyenv: $PYENV_ROOT/versions/*/bin/python3.</summary>
    Pyenv,
    /// <summary>The distribution's: /usr/local/bin and /usr/bin python3*.</summary>
    System,
}

public sealed record DiscoveredInterpreter(InterpreterInfo Info, InterpreterSource Source);

/// <summary>A candidate that could not be used, and why (e.g. Python 2, or it crashed).</summary>
public sealed record SkippedInterpreter(string Path, InterpreterSource Source, string Reason);

/// <summary>Every distinct interpreter found, in discovery order, and the candidates that failed.</summary>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredInterpreter> Found, IReadOnlyList<SkippedInterpreter> Skipped);
