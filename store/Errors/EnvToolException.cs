namespace EnvTool.Store.Errors;

/// <summary>
/// A failure the user caused or can fix (bad input, missing interpreter, full disk...).
/// The command line prints <see cref="Exception.Message"/> as one line, then <see cref="Hint"/>
/// when present, and exits with <see cref="ExitCode"/>. Anything else escaping is a bug.
/// </summary>
public class EnvToolException : Exception
{
    public EnvToolException(string message, string? hint = null, int exitCode = 1, Exception? inner = null)
        : base(message, inner)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>What the user can do about it, e.g. "run `envtool python list` to see what is installed".</summary>
    public string? Hint { get; }

    public int ExitCode { get; }
}
