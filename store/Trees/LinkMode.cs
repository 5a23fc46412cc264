namespace EnvTool.Store.Trees;

/// <summary>How a tree gets its files from the store.</summary>
public enum LinkMode
{
    /// <summary>Clone where the store's file system supports reflinks, else hard links.</summary>
    Auto,
    /// <summary>Hard links to the objects: no space, no time; the default.</summary>
    Hardlink,
    /// <summary>Reflinks (FICLONE): independent inodes sharing blocks (btrfs, xfs, bcachefs).</summary>
    Clone,
    /// <summary>
    /// Symbolic links to the store's files. Fragile: code that resolves <c>__file__</c> or
    /// <c>$ORIGIN</c> lands in the store instead of the environment. Never the default.
    /// </summary>
    Symlink,
    /// <summary>Plain copies: what works everywhere, at full cost.</summary>
    Copy,
}

public static class LinkModes
{
    /// <summary>The spelling used in keys, the catalog and on the command line.</summary>
    public static string Name(this LinkMode mode) => mode switch
    {
        LinkMode.Auto => "auto",
        LinkMode.Hardlink => "hardlink",
        LinkMode.Clone => "clone",
        LinkMode.Symlink => "symlink",
        LinkMode.Copy => "copy",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static LinkMode? Parse(string text) => text switch
    {
        "auto" => LinkMode.Auto,
        "hardlink" => LinkMode.Hardlink,
        "clone" => LinkMode.Clone,
        "symlink" => LinkMode.Symlink,
        "copy" => LinkMode.Copy,
        _ => null,
    };
}
