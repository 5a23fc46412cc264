using EnvTool.Store.Errors;
using EnvTool.Store.Native;

namespace EnvTool.Cli;

/// <summary>
/// Runs a command body and turns a user-facing failure into one line on stderr and its exit code.
/// Any other exception is a bug: it is reported as such, with the stack trace only when
/// ENVTOOL_DEBUG is set.
/// </summary>
public static class CommandRunner
{
    public const int UsageError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (EnvToolException e)
        {
            Report(e.Message, e.Hint);
            return e.ExitCode;
        }
        catch (Exception e) when (e is PosixException { IsPermissionDenied: true } or UnauthorizedAccessException)
        {
            Report($"permission denied: {(e is PosixException p ? $"{p.Operation} {p.PathName}" : DeniedPath(e.Message))}",
                "check that you may write there; a store shared by several users must be group-writable and used with umask 002 (README: Sharing a store)");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Report("interrupted", null);
            return 130;
        }
        catch (Exception e)
        {
            Report($"internal error: {e.GetType().Name}: {e.Message}",
                "this is a bug in envtool; set ENVTOOL_DEBUG=1 for details and report it");
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ENVTOOL_DEBUG")))
                Console.Error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>
    /// The path in .NET's access-denied message: "Access to the path '/x' is denied.", or, in a build
    /// without resource strings, "UnauthorizedAccess_IODenied_Path, /x".
    /// </summary>
    private static string DeniedPath(string message)
    {
        var quoted = message.Split('\'');
        if (quoted.Length == 3) return quoted[1];
        var comma = message.IndexOf(", ", StringComparison.Ordinal);
        return comma >= 0 && message.StartsWith("UnauthorizedAccess_", StringComparison.Ordinal) ? message[(comma + 2)..] : message;
    }

    public static Task<int> RunAsync(Func<Task<int>> body) => Task.FromResult(Run(() => body().GetAwaiter().GetResult()));

    public static void Report(string message, string? hint)
    {
        var color = Terminal.UseColor(Terminal.StderrIsTerminal);
        Console.Error.WriteLine(color ? $"\u001b[1;31merror\u001b[0m: {message}" : $"error: {message}");
        if (hint is not null)
            Console.Error.WriteLine(color ? $"  \u001b[1;36mhint\u001b[0m: {hint}" : $"  hint: {hint}");
    }

    public static void Warn(string message)
    {
        var color = Terminal.UseColor(Terminal.StderrIsTerminal);
        Console.Error.WriteLine(color ? $"\u001b[1;33mwarning\u001b[0m: {message}" : $"warning: {message}");
    }
}
