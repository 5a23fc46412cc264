namespace EnvTool.Store.Errors;

/// <summary>
/// A directory another user made must go (gc, or debris in the way of a publish), but this user may
/// neither remove it (only its owner or root may make a sealed directory writable) nor set it aside
/// (it is immutable, or its parent is not writable for this user).
/// </summary>
public sealed class ForeignDirectoryException(string path, uint ownerUid, Exception inner)
    : EnvToolException($"cannot remove {path}: it belongs to user {ownerUid}, and it cannot be set aside either ({inner.Message})",
        "run `envtool store gc` as that user or as root; a store shared by several users must be group-writable (README: Sharing a store)",
        inner: inner)
{
    public string PathName { get; } = path;
}
