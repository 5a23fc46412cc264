namespace EnvTool.Store.Native;

/// <summary>Linux errno values the store reacts to (identical on x86-64 and AArch64).</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal const int EMLINK = 31;
    internal const int ENOLCK = 37;
    internal const int ENOSYS = 38;
    internal const int ENOTEMPTY = 39;
    internal const int EDQUOT = 122;

    internal static bool IsDiskFull(int errno) => errno is ENOSPC or EDQUOT;
}
