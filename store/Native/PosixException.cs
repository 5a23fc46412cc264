using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// A failed system call, naming the call, the path(s) and the errno. <see cref="Exception.HResult"/>
/// is the errno, matching what .NET's own file APIs put in their IOExceptions on Unix.
/// </summary>
public sealed class PosixException : IOException
{
    internal PosixException(string operation, string path, int errno)
        : base($"{operation} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno)
    {
        Operation = operation;
        PathName = path;
        Errno = errno;
    }

    public string Operation { get; }
    public string PathName { get; }
    public int Errno { get; }

    /// <summary>EACCES or EPERM: the user may not do this here (a store of another user, a read-only mount).</summary>
    public bool IsPermissionDenied => Errno is Native.Errno.EACCES or Native.Errno.EPERM;
}
