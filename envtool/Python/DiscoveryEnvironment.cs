namespace EnvTool.Python;

/// <summary>
/// Where <see cref="InterpreterDiscovery"/> looks. <see cref="FromProcess"/> reads it from this
/// process; tests build one pointing at temporary directories, with real interpreters in them.
/// </summary>
public sealed record DiscoveryEnvironment
{
    /// <summary>Where relative paths and <c>.python-version</c> lookups start.</summary>
    public required string WorkingDirectory { get; init; }
    /// <summary>The directories of PATH, in order.</summary>
    public required IReadOnlyList<string> SearchPath { get; init; }
    /// <summary>$PYENV_ROOT, default ~/.pyenv.</summary>
    public required string PyenvRoot { get; init; }
    /// <summary>$PYENV_VERSION (what pyenv shims run when set), or null.</summary>
    public string? PyenvVersion { get; init; }
    /// <summary>$VIRTUAL_ENV, the activated virtual environment, or null.</summary>
    public string? VirtualEnv { get; init; }
    /// <summary>Directories whose <c>python3</c> and <c>python3.N</c> are the distribution's interpreters.</summary>
    public required IReadOnlyList<string> SystemDirectories { get; init; }

    public static readonly IReadOnlyList<string> DefaultSystemDirectories = ["/usr/local/bin", "/usr/bin"];

    public static DiscoveryEnvironment FromProcess()
    {
        string? Var(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var home = Var("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new DiscoveryEnvironment
        {
            WorkingDirectory = Environment.CurrentDirectory,
            SearchPath = (Var("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
            PyenvRoot = Var("PYENV_ROOT") ?? Path.Combine(home, ".pyenv"),
            PyenvVersion = Var("PYENV_VERSION"),
            VirtualEnv = Var("VIRTUAL_ENV"),
            SystemDirectories = DefaultSystemDirectories,
        };
    }
}
