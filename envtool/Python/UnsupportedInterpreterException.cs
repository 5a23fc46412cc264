namespace EnvTool.Python;

/// <summary>The interpreter runs, but is older than anything envtool can build environments for (Python 2, 3.5...).</summary>
public sealed class UnsupportedInterpreterException : InterpreterProbeException
{
    public const string MinimumVersion = "3.6";

    public UnsupportedInterpreterException(string executable, string version)
        : base(executable, $"it is Python {version}, and envtool needs Python {MinimumVersion} or newer",
            "pass a Python 3 interpreter instead, e.g. --python 3.12 (see `envtool python list`)")
    {
        Version = version;
    }

    /// <summary>The interpreter's own version, e.g. "2.7.18".</summary>
    public string Version { get; }
}
