using System.Text;
using EnvTool.Store.Errors;

namespace EnvTool.Wheels;

/// <summary>
/// A wheel was refused: it is malformed, inconsistent or unsafe to unpack. The one-line message
/// names the wheel file, the reason and, when one member is at fault, that member:
/// <c>refusing wheel 'demo-1.0-py3-none-any.whl': member '../evil.py' has a '..' path segment</c>.
/// Nothing was written to the store when this is thrown.
/// </summary>
public sealed class InvalidWheelException : EnvToolException
{
    public InvalidWheelException(string wheel, string reason, string? member = null, Exception? inner = null)
        : base(Format(wheel, reason, member),
               "the wheel is corrupt, was built wrongly, or was tampered with; the store was left unchanged",
               inner: inner)
    {
        Wheel = wheel;
        Reason = reason;
        Member = member;
    }

    /// <summary>The wheel's file name.</summary>
    public string Wheel { get; }
    public string Reason { get; }
    /// <summary>The archive member at fault, or null when the problem is the wheel as a whole.</summary>
    public string? Member { get; }

    private static string Format(string wheel, string reason, string? member) =>
        member is null
            ? $"refusing wheel {Quote(wheel)}: {reason}"
            : $"refusing wheel {Quote(wheel)}: member {Quote(member)} {reason}";

    /// <summary>
    /// Quotes a name for a one-line message. Member names come from the archive, so control
    /// characters and other invisible code points are escaped instead of breaking the line.
    /// </summary>
    public static string Quote(string name)
    {
        var text = new StringBuilder(name.Length + 2).Append('\'');
        foreach (var c in name)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E')
                text.Append($"\\u{(int)c:x4}");
            else if (c == '\'' || c == '\\')
                text.Append('\\').Append(c);
            else
                text.Append(c);
        }
        return text.Append('\'').ToString();
    }
}
