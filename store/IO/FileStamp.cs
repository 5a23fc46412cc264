using System.Globalization;
using EnvTool.Store.Native;

namespace EnvTool.Store.IO;

/// <summary>
/// What tells that a file or directory is still the one that was read, as git's index keeps it: its
/// device, inode, size, and modification and change times. Rewriting a file changes its change time,
/// which no user can set back; adding, removing or renaming an entry of a directory changes the
/// directory's. Symlinks are followed: the stamp is of what the path names.
/// </summary>
public readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long MtimeNs, long CtimeNs) : IUtf8SpanFormattable
{
    /// <summary>
    /// How long after its last change a stamp is trusted to tell the next change: far more than a
    /// tick of any local file system's clock (1 to 10 ms), with room for a network file system's
    /// server clock running a little behind this machine's.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    /// <summary>The stamp of what <paramref name="path"/> names now, or null when nothing is there.</summary>
    public static FileStamp? Of(string path) =>
        FileStatus.TryOf(path) is { } s ? new FileStamp(s.Device, s.Inode, s.Size, s.MtimeNs, s.CtimeNs) : null;

    /// <summary>
    /// Changed less than <paramref name="margin"/> before <paramref name="now"/>: a second change within
    /// the same tick of the file system's clock could leave the same stamp, so what was read from it
    /// cannot be trusted to still hold (git's "racily clean" entries).
    /// </summary>
    public bool IsRecent(DateTimeOffset now, TimeSpan margin)
    {
        // To the clock's 100 ns, not whole milliseconds: a cut-off rounded down would call a file
        // written in the same millisecond recent even with no margin at all.
        var cutoffNs = ((now - margin).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return MtimeNs > cutoffNs || CtimeNs > cutoffNs;
    }

    /// <summary>The longest text a stamp formats to: five 20-digit numbers and their spaces.</summary>
    public const int MaxTextLength = 5 * 20 + 4;

    /// <summary>"device inode size mtime ctime", the numbers in decimal.</summary>
    public override string ToString()
    {
        Span<byte> text = stackalloc byte[MaxTextLength];
        TryFormat(text, out var length, default, null);
        return System.Text.Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>The text of <see cref="ToString"/> as UTF-8 (ASCII): for comparing with stored stamps without decoding them.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        System.Text.Unicode.Utf8.TryWrite(utf8Destination, CultureInfo.InvariantCulture,
            $"{Device} {Inode} {(ulong)Size} {(ulong)MtimeNs} {(ulong)CtimeNs}", out bytesWritten);
}
