using System.Runtime.InteropServices;

namespace EnvTool.Python;

/// <summary>The C library's <c>realpath(3)</c>: every symlink and ".." resolved, as Python's os.path.realpath does.</summary>
internal static unsafe partial class RealPath
{
    /// <summary>The canonical path, or null when <paramref name="path"/> (or a link on the way) does not exist.</summary>
    public static string? Resolve(string path)
    {
        var resolved = realpath(path, null);
        if (resolved is null) return null;
        try { return Marshal.PtrToStringUTF8((nint)resolved); }
        finally { NativeMemory.Free(resolved); }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* realpath(string path, byte* resolved);
}
