namespace EnvTool.Wheels;

/// <summary>
/// The file type and permission bits zip tools on unix store in the high 16 bits of a member's
/// external attributes. Archives made elsewhere leave them zero, which means "regular file".
/// </summary>
public readonly record struct UnixFileType(int Mode)
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int Directory = 0x4000;
    private const int SymbolicLink = 0xA000;

    public static UnixFileType FromExternalAttributes(int externalAttributes) => new((externalAttributes >> 16) & 0xFFFF);

    public bool IsRegularOrUnset => (Mode & TypeMask) is 0 or Regular;
    public bool IsDirectory => (Mode & TypeMask) == Directory;
    public bool IsSymbolicLink => (Mode & TypeMask) == SymbolicLink;

    /// <summary>Any execute bit, as pip decides whether an unpacked file gets 0755.</summary>
    public bool IsExecutable => (Mode & 0x49) != 0;

    /// <summary>A name for what the member is when it is neither a file nor a directory.</summary>
    public string Describe() => (Mode & TypeMask) switch
    {
        SymbolicLink => "symbolic link",
        0x2000 => "character device",
        0x6000 => "block device",
        0x1000 => "named pipe",
        0xC000 => "socket",
        var t => $"special file (mode {t:x4})",
    };
}
