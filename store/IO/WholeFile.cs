using Microsoft.Win32.SafeHandles;

namespace EnvTool.Store.IO;

/// <summary>
/// A small file read whole, opened without the share lock the File helpers take (an flock and its
/// release: two syscalls a file, where a command reads several): for files replaced by rename, or
/// only inspected, where a lock keeps nothing out. Regular files only: the length is taken from
/// fstat, which is 0 for a /proc file.
/// </summary>
public static class WholeFile
{
    /// <summary>The file's bytes, or null when it is longer than <paramref name="maxLength"/> (nothing is read then).</summary>
    /// <exception cref="IOException">It cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    public static byte[]? ReadAtMost(string path, long maxLength)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(file);
        if (length > Math.Min(maxLength, Array.MaxLength)) return null;
        var bytes = new byte[length];
        var read = ReadFrom(file, bytes);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static int ReadFrom(SafeFileHandle file, byte[] bytes)
    {
        var read = 0;
        while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), read) is var n and > 0) read += n;
        return read;
    }
}
