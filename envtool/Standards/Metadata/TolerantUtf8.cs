using System.Text;

namespace EnvTool.Standards.Metadata;

/// <summary>
/// Decodes metadata files as UTF-8 the way Python's <c>surrogateescape</c> error handler does: a byte
/// that is not part of valid UTF-8 becomes the lone surrogate U+DC00+byte instead of failing or being
/// replaced, so nothing is lost and a non-UTF-8 Author field does not make a whole distribution unreadable.
/// A leading byte order mark is dropped.
/// </summary>
public static class TolerantUtf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Strict.GetString(bytes);

        var text = new StringBuilder(bytes.Length);
        Span<char> pair = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                var n = rune.EncodeToUtf16(pair);
                text.Append(pair[..n]);
            }
            else
            {
                // Python escapes each undecodable byte on its own, so an invalid sequence of three bytes
                // becomes three surrogates.
                consumed = 1;
                text.Append((char)(0xDC00 + bytes[0]));
            }
            bytes = bytes[consumed..];
        }
        return text.ToString();
    }

    public static string ReadFile(string path) => Decode(File.ReadAllBytes(path));
}
