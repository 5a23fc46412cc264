using EnvTool.Store.Linking;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Trees;

/// <summary>
/// Puts one store file (an entry's file or an object) at its place in a staged tree, in the link
/// mode the tree was asked for. What the file system refuses falls back per file: a clone that
/// cannot be made becomes a hard link; a hard link refused with EXDEV, EPERM or EMLINK becomes a
/// copy of that one file. Each kind of fallback is reported once per tree, not once per file.
/// Safe to call from several threads at once (<see cref="TreeStaging.LinkAll"/>).
/// </summary>
internal sealed class TreeLinker
{
    private readonly ILinkSystem _links;
    private readonly LinkMode _mode;
    private readonly List<string> _warnings = [];
    private bool _warnedClone;
    private bool _warnedCopy;

    internal TreeLinker(ILinkSystem links, LinkMode mode)
    {
        if (mode == LinkMode.Auto) throw new ArgumentException("resolve Auto to a concrete mode first", nameof(mode));
        _links = links;
        _mode = mode;
    }

    internal IReadOnlyList<string> Warnings => _warnings;

    /// <param name="source">An absolute path in the store (read-only, 0444 or 0555).</param>
    /// <param name="destination">A path in the staged tree that does not exist yet.</param>
    internal void Place(string source, string destination)
    {
        switch (_mode)
        {
            case LinkMode.Hardlink:
                LinkOrCopy(source, destination);
                return;
            case LinkMode.Clone:
                var errno = FileCloning.TryClone(source, destination, ModeOf(source));
                if (errno == 0) return;
                if (errno == Errno.EEXIST) throw Posix.Error("clone", destination, errno);
                lock (_warnings)
                {
                    if (!_warnedClone)
                    {
                        _warnedClone = true;
                        _warnings.Add($"cannot clone files here ({new PosixException("clone", source, errno).Message}); used hard links instead");
                    }
                }
                LinkOrCopy(source, destination);
                return;
            case LinkMode.Symlink:
                File.CreateSymbolicLink(destination, source);
                return;
            case LinkMode.Copy:
                Copy(source, destination);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(_mode));
        }
    }

    private void LinkOrCopy(string source, string destination)
    {
        var status = _links.Link(source, destination);
        switch (status)
        {
            case LinkStatus.Linked:
                return;
            case LinkStatus.TooManyLinks or LinkStatus.CrossDevice or LinkStatus.NotPermitted:
                lock (_warnings)
                {
                    if (!_warnedCopy)
                    {
                        _warnedCopy = true;
                        _warnings.Add($"some files could not be hard-linked from the store ({Reason(status)}); those were copied");
                    }
                }
                Copy(source, destination);
                return;
            case LinkStatus.SourceMissing:
                throw new FileNotFoundException($"{source} vanished from the store while a tree was being built", source);
            default:
                throw new IOException($"cannot link {source} to {destination}: {status}");
        }
    }

    private static string Reason(LinkStatus status) => status switch
    {
        LinkStatus.TooManyLinks => "a file reached the file system's hard-link limit",
        LinkStatus.CrossDevice => "different file systems",
        _ => "the file system does not permit it",
    };

    private static void Copy(string source, string destination)
    {
        File.Copy(source, destination);
        Posix.Chmod(destination, ModeOf(source));
    }

    /// <summary>Store files are 0444 or 0555; copies and clones keep that.</summary>
    private static UnixFileMode ModeOf(string source) =>
        (Posix.Stat(source).Permissions & 0b001_000_000) != 0 ? ObjectRef.ExecutableMode : ObjectRef.ReadOnlyMode;
}
