using EnvTool.Store.Native;

namespace EnvTool.Store.Linking;

/// <summary>link(2) itself.</summary>
public sealed class PosixLinkSystem : ILinkSystem
{
    public static PosixLinkSystem Instance { get; } = new();

    public LinkStatus Link(string existing, string newPath)
    {
        var errno = Posix.TryLink(existing, newPath);
        return errno switch
        {
            0 => LinkStatus.Linked,
            Errno.EEXIST => LinkStatus.AlreadyExists,
            Errno.EMLINK => LinkStatus.TooManyLinks,
            Errno.EXDEV => LinkStatus.CrossDevice,
            Errno.EPERM => LinkStatus.NotPermitted,
            Errno.ENOENT => LinkStatus.SourceMissing,
            _ => throw Posix.Error("link", $"{existing} -> {newPath}", errno),
        };
    }
}
