using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// Reflinks (FICLONE): a new file that shares the source's blocks until either is written, so it is
/// an independent inode (no shared mode, no link-count limit) that costs no space.
/// </summary>
internal static class FileCloning
{
    /// <summary>
    /// Creates <paramref name="destination"/> (which must not exist) as a clone of <paramref name="source"/>
    /// with <paramref name="mode"/>. Returns 0 or the errno (EOPNOTSUPP, EXDEV, EINVAL when the file
    /// system cannot clone); on failure nothing is left at the destination.
    /// </summary>
    internal static int TryClone(string source, string destination, UnixFileMode mode)
    {
        var from = Libc.Open(source, Libc.ORdOnly | Libc.OCloExec, 0);
        if (from < 0) return Marshal.GetLastPInvokeError();
        try
        {
            var to = Libc.Open(destination, Libc.OWrOnly | Libc.OCreat | Libc.OExcl | Libc.OCloExec, (uint)mode);
            if (to < 0) return Marshal.GetLastPInvokeError();
            var result = Libc.IoctlInt(to, Libc.Ficlone, from);
            var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            Libc.Close(to);
            if (errno != 0) File.Delete(destination);
            return errno;
        }
        finally
        {
            Libc.Close(from);
        }
    }
}
