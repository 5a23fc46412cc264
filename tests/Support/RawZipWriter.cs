using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace EnvTool.Tests.Support;

/// <summary>
/// A deliberately small zip writer for tests. Unlike <see cref="ZipArchive"/> it writes whatever it
/// is told: any member name, any unix mode, duplicate names, and sizes in the headers that lie about
/// the data. That is what it takes to build the malicious archives the wheel importer must refuse.
/// Writes zip64 end records when there are more than 65,535 members.
/// </summary>
public sealed class RawZipWriter
{
    public sealed record Member(
        string Name,
        byte[] Content,
        int UnixMode = 0x81A4 /* S_IFREG | 0644 */,
        bool Deflate = true,
        long? DeclaredSize = null /* written as the uncompressed size instead of the real one */);

    private readonly List<Member> _members = [];

    public RawZipWriter Add(Member member)
    {
        _members.Add(member);
        return this;
    }

    public byte[] ToArray()
    {
        using var output = new MemoryStream();
        var central = new MemoryStream();
        foreach (var m in _members)
        {
            var name = Encoding.UTF8.GetBytes(m.Name);
            var data = m.Deflate ? DeflateBytes(m.Content) : m.Content;
            var crc = Crc32.Compute(m.Content);
            var size = (uint)(m.DeclaredSize ?? m.Content.Length);
            var method = (ushort)(m.Deflate ? 8 : 0);
            var offset = (uint)output.Position;

            var local = new byte[30];
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(0), 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(6), 0x0800); // names are UTF-8
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(8), method);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(10), 0);      // 00:00:00
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(12), 0x21);   // 1980-01-01
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(14), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(18), (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(local.AsSpan(22), size);
            BinaryPrimitives.WriteUInt16LittleEndian(local.AsSpan(26), (ushort)name.Length);
            output.Write(local);
            output.Write(name);
            output.Write(data);

            var header = new byte[46];
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(0), 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), (3 << 8) | 20); // made by unix
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), 0x0800);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), method);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 0);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(14), 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(24), size);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(28), (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(38), (uint)m.UnixMode << 16);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(42), offset);
            central.Write(header);
            central.Write(name);
        }

        var centralOffset = output.Position;
        central.Position = 0;
        central.CopyTo(output);
        var centralSize = output.Position - centralOffset;
        var zip64 = _members.Count > 0xFFFF;
        if (zip64)
        {
            var record = new byte[56];
            var recordOffset = output.Position;
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(0), 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), 44);
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(12), (3 << 8) | 45);
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(14), 45);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(24), (ulong)_members.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(32), (ulong)_members.Count);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(40), (ulong)centralSize);
            BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(48), (ulong)centralOffset);
            output.Write(record);
            var locator = new byte[20];
            BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(0), 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(locator.AsSpan(8), (ulong)recordOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator.AsSpan(16), 1);
            output.Write(locator);
        }
        var end = new byte[22];
        var count = (ushort)(zip64 ? 0xFFFF : _members.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(0), 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), count);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), count);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)centralOffset);
        output.Write(end);
        return output.ToArray();
    }

    private static byte[] DeflateBytes(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(content);
        return buffer.ToArray();
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        public static uint Compute(ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }
    }
}
