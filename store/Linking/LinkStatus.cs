namespace EnvTool.Store.Linking;

/// <summary>How one link(2) call ended, for the outcomes the store reacts to; other errors are thrown.</summary>
public enum LinkStatus
{
    Linked,
    /// <summary>EEXIST: the new name is taken.</summary>
    AlreadyExists,
    /// <summary>EMLINK: the file already has as many links as the file system allows.</summary>
    TooManyLinks,
    /// <summary>EXDEV: the two names are on different file systems.</summary>
    CrossDevice,
    /// <summary>EPERM: the file system (or a policy such as protected_hardlinks) forbids hard links here.</summary>
    NotPermitted,
    /// <summary>ENOENT: the existing name vanished.</summary>
    SourceMissing,
}
