using System.IO.Compression;

namespace EnvTool.Wheels;

/// <summary>A regular file of a wheel, as its central directory declares it (validated, not yet read).</summary>
public sealed record WheelMember(string Path, long Size, long CompressedSize, bool Executable, ZipArchiveEntry Entry);
