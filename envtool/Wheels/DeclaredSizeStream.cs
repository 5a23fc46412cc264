using System.IO.Compression;

namespace EnvTool.Wheels;

/// <summary>
/// Reads one member's inflated bytes and refuses the wheel the moment they exceed the size the
/// central directory declared (a header can lie; the bytes cannot), or when they end short of it.
/// Corrupt compressed data becomes a refusal of the wheel too, never an internal error.
/// </summary>
internal sealed class DeclaredSizeStream(Stream inner, string wheel, WheelMember member) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            // Ask for one byte more than may remain, so inflating past the declared end is seen at once.
            var room = (int)Math.Min(buffer.Length, member.Size - _read + 1);
            n = inner.Read(buffer[..Math.Max(room, 0)]);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidWheelException(wheel, $"is corrupt ({e.Message})", member.Path, e);
        }
        _read += n;
        if (_read > member.Size)
            throw new InvalidWheelException(wheel,
                $"inflates to more than the {member.Size} bytes its header declares (a zip bomb?)", member.Path);
        if (n == 0 && buffer.Length > 0 && _read < member.Size)
            throw new InvalidWheelException(wheel,
                $"ends after {_read} of the {member.Size} bytes its header declares", member.Path);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => member.Size;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
