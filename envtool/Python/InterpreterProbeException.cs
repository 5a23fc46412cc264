using EnvTool.Store.Errors;

namespace EnvTool.Python;

/// <summary>A file could not be asked what Python it is: missing, not runnable, crashed, or answered nonsense.</summary>
public class InterpreterProbeException : EnvToolException
{
    public InterpreterProbeException(string executable, string problem, string? hint = null, Exception? inner = null)
        : base($"cannot use '{executable}' as a Python interpreter: {problem}",
            hint ?? $"run '{executable}' yourself to see what is wrong, or pass another interpreter with --python PATH",
            inner: inner)
    {
        Executable = executable;
        Problem = problem;
    }

    public string Executable { get; }
    public string Problem { get; }
}
