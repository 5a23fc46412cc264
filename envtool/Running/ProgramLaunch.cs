using System.Collections;
using EnvTool.Environments.Ephemeral;
using EnvTool.Store.Errors;
using EnvTool.Store.Native;

namespace EnvTool.Running;

/// <summary>
/// The program to run in an ephemeral environment, ready to replace this process: the executable,
/// its argv, and its environment (this one's, with the environment's bin/ first on PATH and
/// VIRTUAL_ENV set, as activating it would).
/// </summary>
public sealed record ProgramLaunch(string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary><c>ENV/bin/python SCRIPT ARGS...</c>: the interpreter finds the environment through its pyvenv.cfg.</summary>
    public static ProgramLaunch Script(EphemeralEnvironment environment, string script, IReadOnlyList<string> arguments)
    {
        var python = Path.Combine(environment.BinDirectory, "python");
        return new ProgramLaunch(python, [python, script, .. arguments], Variables(environment));
    }

    /// <summary>
    /// A command: a path as given, else the first executable of that name in the environment's bin/
    /// (with <paramref name="searchPath"/>, then on PATH, as a shell would look).
    /// </summary>
    /// <exception cref="EnvToolException">No such executable.</exception>
    /// <param name="missingHint">Says what to do when there is no such command (called only then).</param>
    public static ProgramLaunch Command(EphemeralEnvironment environment, string command, IReadOnlyList<string> arguments, bool searchPath,
                                        Func<string?>? missingHint = null)
    {
        var variables = Variables(environment);
        var executable = Find(command, environment.BinDirectory, searchPath ? variables["PATH"] : null)
            ?? throw new EnvToolException(
                searchPath ? $"no command '{command}' in the environment or on PATH" : $"no command '{command}' in the environment",
                missingHint?.Invoke());
        return new ProgramLaunch(executable, [command, .. arguments], variables);
    }

    /// <summary>Replaces this process with the program. Returns only by throwing.</summary>
    public void Exec()
    {
        try
        {
            ProcessExec.Exec(Executable, Arguments, Environment);
        }
        catch (PosixException e)
        {
            throw new EnvToolException($"cannot run '{Executable}': {e.Message}", inner: e);
        }
    }

    private static string? Find(string command, string binDirectory, string? path)
    {
        if (command.Contains('/')) return IsExecutable(command) ? Path.GetFullPath(command) : null;
        IEnumerable<string> directories = [binDirectory];
        if (path is not null) directories = directories.Concat(path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted));
        return directories.Select(d => Path.Combine(d, command)).FirstOrDefault(IsExecutable);
    }

    /// <summary>The commands in the environment's bin/ that its packages provide (not python or the activation scripts).</summary>
    public static IReadOnlyList<string> Commands(EphemeralEnvironment environment) =>
        Directory.Exists(environment.BinDirectory)
            ? Directory.EnumerateFiles(environment.BinDirectory).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith("python", StringComparison.Ordinal) && !n.StartsWith("activate", StringComparison.OrdinalIgnoreCase))
                .Where(n => IsExecutable(Path.Combine(environment.BinDirectory, n)))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static Dictionary<string, string> Variables(EphemeralEnvironment environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        variables["PATH"] = variables.TryGetValue("PATH", out var path) && path.Length > 0
            ? environment.BinDirectory + ":" + path
            : environment.BinDirectory;
        variables["VIRTUAL_ENV"] = environment.Path;
        // A PYTHONHOME meant for another Python would point this one at the wrong standard library.
        variables.Remove("PYTHONHOME");
        return variables;
    }
}
