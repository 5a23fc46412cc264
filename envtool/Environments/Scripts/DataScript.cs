using System.Text;
using System.Text.RegularExpressions;

namespace EnvTool.Environments.Scripts;

/// <summary>
/// A file from a wheel's <c>.data/scripts/</c>. Those whose first line is <c>#!python</c> (or
/// <c>#!pythonw</c>, optionally with arguments) get the relocatable launcher instead, as the wheel
/// spec asks installers to rewrite it; any other file is installed as it is.
/// </summary>
public static partial class DataScript
{
    [GeneratedRegex(@"^#!python(w)?(?<args>[ \t].*)?$")]
    private static partial Regex PythonShebang();

    /// <summary>The rewritten bytes, or null when the file needs no rewrite (link it as it is).</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> content)
    {
        var newline = content.IndexOf((byte)'\n');
        var firstLine = newline < 0 ? content : content[..newline];
        if (firstLine.Length > 0 && firstLine[^1] == (byte)'\r') firstLine = firstLine[..^1];
        if (!firstLine.StartsWith("#!python"u8)) return null;
        var m = PythonShebang().Match(Encoding.UTF8.GetString(firstLine));
        if (!m.Success) return null;
        var rest = newline < 0 ? ReadOnlySpan<byte>.Empty : content[(newline + 1)..];
        var header = Encoding.UTF8.GetBytes(RelocatableLauncher.Header(m.Groups["args"].Value));
        var result = new byte[header.Length + rest.Length];
        header.CopyTo(result, 0);
        rest.CopyTo(result.AsSpan(header.Length));
        return result;
    }
}
