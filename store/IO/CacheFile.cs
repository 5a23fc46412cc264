namespace EnvTool.Store.IO;

/// <summary>
/// Small files that only save time (probe answers, digests of local files, what the store's file
/// system can do): read when present, replaced atomically (temporary file, then rename) so a
/// concurrent reader never sees half of one. Failing to read or write one costs the work it would
/// have saved, never the command.
/// </summary>
public static class CacheFile
{
    /// <summary>The file's text, or null when it is missing or unreadable.</summary>
    public static string? TryRead(string path) =>
        TryReadBytes(path) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The file's bytes, or null when it is missing or unreadable.</summary>
    public static byte[]? TryReadBytes(string path)
    {
        // One array of the file's size; ReadAllText would allocate a reader's buffers for every file,
        // which showed in profiles of commands that read a hundred of these. No share lock: the
        // writer replaces the file by rename, so a read never sees half of one.
        try { return WholeFile.ReadAtMost(path, Array.MaxLength); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Replaces the file with <paramref name="text"/>, creating its directory; gives up quietly when it cannot.</summary>
    public static void TryWrite(string path, string text)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
        }
    }
}
