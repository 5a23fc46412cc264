using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>The libc calls for replacing this process with another program.</summary>
internal static partial class Libc
{
    internal const int SigBlock = 0;
    internal const int SigSetMask = 2;
    internal const int SigPipe = 13;
    internal const int SigXfsz = 25;
    /// <summary>glibc's sigset_t is 1024 bits.</summary>
    internal const int SigSetBytes = 128;

    [LibraryImport(Lib, EntryPoint = "execve", SetLastError = true)]
    internal static unsafe partial int Execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Lib, EntryPoint = "getuid")]
    internal static partial uint GetUid();

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    internal static partial uint GetEuid();

    [LibraryImport(Lib, EntryPoint = "pthread_sigmask")]
    internal static unsafe partial int PthreadSigmask(int how, byte* set, byte* oldSet);

    // sighandler_t signal(int, sighandler_t): 0 is SIG_DFL.
    [LibraryImport(Lib, EntryPoint = "signal", SetLastError = true)]
    internal static partial nint Signal(int signal, nint handler);
}
