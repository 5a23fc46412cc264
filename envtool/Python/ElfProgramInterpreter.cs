using System.Buffers.Binary;
using System.Text;

namespace EnvTool.Python;

/// <summary>
/// Reads the program interpreter (PT_INTERP, the dynamic loader) that an ELF executable names, e.g.
/// "/lib64/ld-linux-x86-64.so.2" or "/lib/ld-musl-x86_64.so.1". That is how one tells a musl Python
/// from a glibc one without running anything but the file's own loader.
/// </summary>
public static class ElfProgramInterpreter
{
    private const uint PtInterp = 3;

    /// <summary>The loader path, or null when the file is not a dynamically linked ELF executable.</summary>
    public static string? Read(string path)
    {
        byte[] data;
        try
        {
            using var file = File.OpenRead(path);
            // The loader path sits near the start of every executable; 64 KiB covers headers and PT_INTERP.
            data = new byte[Math.Min(file.Length, 64 * 1024)];
            file.ReadExactly(data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return Parse(data);
    }

    internal static string? Parse(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 52 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            return null;
        var is64 = elf[4] switch { 1 => false, 2 => true, _ => (bool?)null };
        var little = elf[5] switch { 1 => true, 2 => false, _ => (bool?)null };
        if (is64 is null || little is null) return null;

        if (is64.Value && elf.Length < 64) return null;
        var word = is64.Value ? 8 : 4;
        var phoff = Field(elf, little.Value, is64.Value ? 32 : 28, word);
        var phentsize = (int)Field(elf, little.Value, is64.Value ? 54 : 42, 2);
        var phnum = (int)Field(elf, little.Value, is64.Value ? 56 : 44, 2);
        for (var i = 0; i < phnum; i++)
        {
            var header = phoff + (ulong)(i * phentsize);
            if (header + (ulong)phentsize > (ulong)elf.Length || phentsize < (is64.Value ? 56 : 32)) return null;
            var h = (int)header;
            if (Field(elf, little.Value, h, 4) != PtInterp) continue;
            var offset = Field(elf, little.Value, h + (is64.Value ? 8 : 4), word);
            var size = Field(elf, little.Value, h + (is64.Value ? 32 : 16), word);
            if (offset + size > (ulong)elf.Length || size == 0) return null;
            var text = elf.Slice((int)offset, (int)size);
            var nul = text.IndexOf((byte)0);
            return Encoding.UTF8.GetString(nul >= 0 ? text[..nul] : text);
        }
        return null;
    }

    private static ulong Field(ReadOnlySpan<byte> elf, bool little, int offset, int size)
    {
        var span = elf.Slice(offset, size);
        return (size, little) switch
        {
            (2, true) => BinaryPrimitives.ReadUInt16LittleEndian(span),
            (2, false) => BinaryPrimitives.ReadUInt16BigEndian(span),
            (4, true) => BinaryPrimitives.ReadUInt32LittleEndian(span),
            (4, false) => BinaryPrimitives.ReadUInt32BigEndian(span),
            (8, true) => BinaryPrimitives.ReadUInt64LittleEndian(span),
            _ => BinaryPrimitives.ReadUInt64BigEndian(span),
        };
    }
}
