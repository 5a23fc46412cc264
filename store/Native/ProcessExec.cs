using System.Runtime.InteropServices;
using System.Text;

namespace EnvTool.Store.Native;

/// <summary>
/// Replaces the current process with another program (execve(2)): same pid, same open terminal,
/// same parent, so exit codes, signals and job control reach that program as if it had been started
/// directly, with no process of ours in between to forward them.
/// </summary>
public static class ProcessExec
{
    /// <summary>
    /// Runs <paramref name="executable"/> in place of this process. Returns only by throwing.
    /// Before the switch it undoes what the .NET runtime changed in the state a new program inherits:
    /// SIGPIPE (and SIGXFSZ) ignored, and signals blocked on this thread. File descriptors the runtime
    /// opened are close-on-exec, so only 0, 1 and 2 (and what our own parent passed) cross over.
    /// </summary>
    /// <param name="arguments">argv, argv[0] included.</param>
    /// <param name="environment">The complete environment of the new program.</param>
    /// <exception cref="PosixException">execve failed (e.g. ENOENT, EACCES, ENOEXEC); this process is unchanged.</exception>
    public static unsafe void Exec(string executable, IReadOnlyList<string> arguments, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var env = environment.Select(kv => kv.Key + "=" + kv.Value).ToList();
        var strings = new List<nint>(arguments.Count + env.Count + 1);
        try
        {
            var path = Utf8(executable, strings);
            var argv = stackalloc byte*[arguments.Count + 1];
            for (var i = 0; i < arguments.Count; i++) argv[i] = Utf8(arguments[i], strings);
            argv[arguments.Count] = null;
            var envp = (byte**)NativeMemory.Alloc((nuint)(env.Count + 1), (nuint)sizeof(byte*));
            strings.Add((nint)envp);
            for (var i = 0; i < env.Count; i++) envp[i] = Utf8(env[i], strings);
            envp[env.Count] = null;

            RestoreSignals();
            Libc.Execve(path, argv, envp);
            throw Posix.Error("execve", executable, Marshal.GetLastPInvokeError());
        }
        finally
        {
            foreach (var p in strings) NativeMemory.Free((void*)p);
        }
    }

    private static unsafe byte* Utf8(string text, List<nint> owned)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var buffer = (byte*)NativeMemory.Alloc((nuint)count + 1);
        owned.Add((nint)buffer);
        Encoding.UTF8.GetBytes(text, new Span<byte>(buffer, count));
        buffer[count] = 0;
        return buffer;
    }

    /// <summary>
    /// Default SIGPIPE/SIGXFSZ (the runtime ignores them, and ignored signals stay ignored across
    /// exec: `envtool run -- yes | head` would never stop) and an empty signal mask. Handlers the
    /// runtime installed need nothing: exec resets caught signals to their defaults.
    /// </summary>
    private static unsafe void RestoreSignals()
    {
        Libc.Signal(Libc.SigPipe, 0);
        Libc.Signal(Libc.SigXfsz, 0);
        var empty = stackalloc byte[Libc.SigSetBytes];
        new Span<byte>(empty, Libc.SigSetBytes).Clear();
        Libc.PthreadSigmask(Libc.SigSetMask, empty, null);
    }
}
