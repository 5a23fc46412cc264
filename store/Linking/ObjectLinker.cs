using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Linking;

/// <summary>
/// Turns a verified staged file into a name of its object. Either the staged file becomes the
/// object (first time these bytes are seen), or it is replaced by a link to the existing object.
/// Handles the file system's limits: EMLINK moves on to (or creates) a fresh-inode copy of the
/// object; EXDEV/EPERM keeps the staged file as an independent copy; a link whose inode differs
/// from its source (overlayfs copy-up) is reported once through <see cref="Warnings"/>.
/// </summary>
internal sealed class ObjectLinker
{
    private readonly StoreLayout _layout;
    private readonly ILinkSystem _links;
    private int _warnedCopyingLinks;

    internal ObjectLinker(StoreLayout layout, ILinkSystem links)
    {
        _layout = layout;
        _links = links;
    }

    /// <param name="staged">The verified file, already in its final mode; stays at this path.</param>
    /// <param name="scratch">An unused path next to <paramref name="staged"/> for the replacing link.</param>
    /// <param name="warnings">Receives the overlayfs warning, the first time (per store) it applies.</param>
    internal ObjectPlacement Place(string staged, ObjectRef obj, long size, string scratch, ICollection<string> warnings)
    {
        EnsureShardDirectory(obj.Sha256);
        var vanished = 0;
        for (var copy = 0; ; copy++)
        {
            var candidate = obj.WithCopy(copy);
            var objectPath = _layout.ObjectPath(candidate);
            switch (_links.Link(staged, objectPath))
            {
                case LinkStatus.Linked:
                    return new ObjectPlacement(candidate, Linked: true, Created: true, Posix.Stat(staged).LinkCount);
                case LinkStatus.AlreadyExists:
                    break;
                case var refused:
                    throw new IOException($"cannot publish {objectPath} from staging ({refused}); tmp/ must be on the store's file system");
            }

            switch (_links.Link(objectPath, scratch))
            {
                case LinkStatus.Linked:
                    var linked = Posix.Stat(scratch);
                    var source = Posix.TryStat(objectPath);
                    if (linked.Size != size)
                    {
                        File.Delete(scratch);
                        throw new StoreCorruptException(objectPath, $"has {linked.Size} bytes, but its name says {size}");
                    }
                    if (source is { } s && !s.SameFileAs(linked) && Interlocked.Exchange(ref _warnedCopyingLinks, 1) == 0)
                        warnings.Add($"hard links in {_layout.Root} come out as separate files (an overlayfs lower layer?); the store works but saves no space");
                    Posix.Rename(scratch, staged);
                    return new ObjectPlacement(candidate, Linked: true, Created: false, linked.LinkCount);
                case LinkStatus.TooManyLinks:
                    continue; // this inode is full: use (or create) the next copy
                case LinkStatus.SourceMissing when ++vanished < 100:
                    copy--; // removed between our two calls (repair or undo): publish it again
                    continue;
                case LinkStatus.CrossDevice:
                case LinkStatus.NotPermitted:
                    // The staged file already holds the verified bytes: keep it as this one file's copy.
                    return new ObjectPlacement(obj, Linked: false, Created: false, 1);
                case var other:
                    throw new IOException($"cannot link {objectPath} to {scratch}: {other}");
            }
        }
    }

    private void EnsureShardDirectory(string sha256)
    {
        var shard = _layout.ObjectShardDir(sha256);
        if (Directory.Exists(shard)) return;
        Directory.CreateDirectory(shard);
        Posix.FsyncDirectory(_layout.ObjectsDir);
    }
}
