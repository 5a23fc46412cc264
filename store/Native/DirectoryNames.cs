using System.Runtime.InteropServices;

namespace EnvTool.Store.Native;

/// <summary>
/// The names in a directory, from readdir(3) alone. .NET's enumerators stat every symbolic link
/// they meet (to tell links to directories apart) before any filter sees the name: listing
/// /usr/bin to find python3.N cost 2,000 stat calls per interpreter discovery (strace). Callers
/// that want a few names by pattern filter these first and stat only what matched.
/// </summary>
public static partial class DirectoryNames
{
    // struct dirent on 64-bit Linux (glibc and musl): d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int NameOffset = 19;

    /// <summary>
    /// The names in <paramref name="directory"/> that start with <paramref name="asciiPrefix"/>
    /// (compared as bytes, before a string is made: /usr/bin holds thousands of names), except "."
    /// and ".."; empty when the directory cannot be read.
    /// </summary>
    public static unsafe List<string> StartingWith(string directory, string asciiPrefix)
    {
        var prefix = System.Text.Encoding.ASCII.GetBytes(asciiPrefix);
        var names = new List<string>();
        var stream = OpenDir(directory);
        if (stream == 0) return names;
        try
        {
            while (ReadDir(stream) is var entry && entry != 0)
            {
                var raw = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)(entry + NameOffset));
                if (!raw.StartsWith(prefix)) continue;
                var name = System.Text.Encoding.UTF8.GetString(raw);
                if (name is not ("." or "..")) names.Add(name);
            }
        }
        finally
        {
            CloseDir(stream);
        }
        return names;
    }

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    private static partial nint ReadDir(nint stream);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint stream);
}
