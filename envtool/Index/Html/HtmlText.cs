using System.Globalization;
using System.Text;

namespace EnvTool.Index.Html;

/// <summary>
/// Decodes HTML character references in attribute values: numeric ones (<c>&amp;#60;</c>, <c>&amp;#x3c;</c>)
/// and the named ones index pages use. An unknown or unterminated reference is kept as written, the way
/// browsers treat it, so decoding never fails.
/// </summary>
internal static class HtmlText
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["amp"] = "&", ["lt"] = "<", ["gt"] = ">", ["quot"] = "\"", ["apos"] = "'",
        ["nbsp"] = "\u00a0", ["excl"] = "!", ["equals"] = "=", ["comma"] = ",", ["period"] = ".",
        ["colon"] = ":", ["semi"] = ";", ["sol"] = "/", ["lpar"] = "(", ["rpar"] = ")", ["ast"] = "*",
        ["plus"] = "+", ["tilde"] = "~", ["Hat"] = "^", ["num"] = "#", ["percnt"] = "%",
    };

    // The longest name above; a reference longer than this cannot be one we know.
    private const int MaxNameLength = 6;

    public static string Decode(string text)
    {
        var amp = text.IndexOf('&');
        if (amp < 0) return text;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (amp >= 0)
        {
            result.Append(text, i, amp - i);
            i = amp + DecodeOne(text, amp, result);
            amp = text.IndexOf('&', i);
        }
        return result.Append(text, i, text.Length - i).ToString();
    }

    /// <summary>Appends the decoded reference at <paramref name="amp"/> (or a literal '&amp;') and returns how many characters it used.</summary>
    private static int DecodeOne(string text, int amp, StringBuilder result)
    {
        var semi = text.IndexOf(';', amp + 1, Math.Min(text.Length - amp - 1, MaxNameLength + 10));
        if (semi < 0)
        {
            result.Append('&');
            return 1;
        }
        var body = text.AsSpan(amp + 1, semi - amp - 1);
        if (body.Length > 1 && body[0] == '#')
        {
            var isHex = body[1] is 'x' or 'X';
            var digits = isHex ? body[2..] : body[1..];
            var style = isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
            if (digits.Length is > 0 and <= 8
                && int.TryParse(digits, style, CultureInfo.InvariantCulture, out var code)
                && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                result.Append(char.ConvertFromUtf32(code));
                return semi - amp + 1;
            }
        }
        else if (Named.TryGetValue(body.ToString(), out var named))
        {
            result.Append(named);
            return semi - amp + 1;
        }
        result.Append('&');
        return 1;
    }
}
