namespace EnvTool.Store.Objects;

/// <summary>
/// One object file: its content digest, its mode (executable objects are separate files because
/// hard links share the mode), and which copy it is. Copy 0 is the object; copies 1, 2, ... are
/// fresh inodes made when the file system's link-count limit (EMLINK) was reached.
/// </summary>
public readonly record struct ObjectRef(string Sha256, bool Executable, int Copy = 0)
{
    /// <summary>The file name inside objects/ab/: the digest without its first two hex digits, "x" when executable, ".n" for copy n.</summary>
    public string FileName => Sha256[2..] + (Executable ? "x" : "") + (Copy == 0 ? "" : "." + Copy.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public UnixFileMode Mode => Executable ? ExecutableMode : ReadOnlyMode;

    public ObjectRef WithCopy(int copy) => this with { Copy = copy };

    internal const UnixFileMode ReadOnlyMode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    internal const UnixFileMode ExecutableMode = ReadOnlyMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
