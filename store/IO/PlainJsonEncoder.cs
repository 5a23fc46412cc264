using System.Text.Encodings.Web;
using System.Text.Json;

namespace EnvTool.Store.IO;

/// <summary>
/// JSON's own escaping and nothing more: the quote, the backslash and control characters; everything
/// else, non-ASCII and '+' included, is written as it is (UTF-8). That is what SQLite's json functions,
/// Python's json module and pip read and write; none of envtool's JSON ends up in a web page, which is
/// what the built-in encoders guard against. They also cost: the first use of either builds both of
/// their tables of allowed characters, 0.13 ms of a 7 ms second-environment create (perf).
/// </summary>
public sealed class PlainJsonEncoder : JavaScriptEncoder
{
    public static readonly PlainJsonEncoder Instance = new();

    private PlainJsonEncoder() { }

    /// <summary>Writer options with this encoder.</summary>
    public static JsonWriterOptions WriterOptions(bool indented = false) => new() { Encoder = Instance, Indented = indented };

    public override int MaxOutputCharactersPerInputCharacter => 6; // \u001f

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
            if (WillEncode(text[i])) return i;
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ReadOnlySpan<char> escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            < 0x20 => $"\\u{unicodeScalar:x4}",
            _ => char.ConvertFromUtf32(unicodeScalar),
        };
        if (escaped.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }
        escaped.CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
