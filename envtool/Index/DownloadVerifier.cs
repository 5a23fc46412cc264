using System.Security.Cryptography;
using EnvTool.Index.Errors;

namespace EnvTool.Index;

/// <summary>
/// A read-only stream over a download that hashes the bytes as they pass and, when the end is reached,
/// checks them against what the index promised (size and hash), throwing <see cref="HashMismatchException"/>
/// on a difference. The sha256 is always computed (<see cref="ActualSha256"/>), so the caller learns the
/// artifact's identity in the same pass. Only a stream read to its end has been verified.
/// </summary>
public sealed class DownloadVerifier : Stream
{
    private readonly Stream _inner;
    private readonly string _fileName;
    private readonly string _location;
    private readonly long? _expectedSize;
    private readonly Action<long>? _progress;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly (string Algorithm, string Hex, IncrementalHash Hash)? _other;
    private readonly string? _expectedSha256;
    private bool _finished;

    /// <param name="expectedHashes">Algorithm (lowercase) to lowercase hex; sha256, sha384 and sha512 are
    /// checked, weaker ones ignored.</param>
    /// <param name="progress">Called with the total bytes read so far after every read.</param>
    public DownloadVerifier(Stream inner, string fileName, string location, IReadOnlyDictionary<string, string> expectedHashes,
                            long? expectedSize = null, Action<long>? progress = null)
    {
        _inner = inner;
        _fileName = fileName;
        _location = location;
        _expectedSize = expectedSize;
        _progress = progress;
        expectedHashes.TryGetValue("sha256", out _expectedSha256);
        if (_expectedSha256 is null)
        {
            if (expectedHashes.TryGetValue("sha512", out var sha512))
                _other = ("sha512", sha512, IncrementalHash.CreateHash(HashAlgorithmName.SHA512));
            else if (expectedHashes.TryGetValue("sha384", out var sha384))
                _other = ("sha384", sha384, IncrementalHash.CreateHash(HashAlgorithmName.SHA384));
        }
    }

    /// <summary>Verifies <paramref name="inner"/> against everything <paramref name="file"/> promises.</summary>
    public static DownloadVerifier For(Stream inner, DistributionFile file, Action<long>? progress = null) =>
        new(inner, file.FileName, file.Url.OriginalString, file.Hashes, file.Size, progress);

    public long BytesRead { get; private set; }

    /// <summary>Lowercase hex sha256 of everything read, once the end was reached; null before.</summary>
    public string? ActualSha256 { get; private set; }

    /// <summary>Whether the index gave a hash this stream checks (sha256, sha384 or sha512).</summary>
    public bool HasExpectedHash => _expectedSha256 is not null || _other is not null;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Account(buffer, _inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Account(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            var data = buffer[..read];
            _sha256.AppendData(data);
            _other?.Hash.AppendData(data);
            BytesRead += read;
            _progress?.Invoke(BytesRead);
            if (_expectedSize is { } limit && BytesRead > limit)
                throw new HashMismatchException(_fileName, _location, $"size:{limit}", $"size:more than {limit}");
        }
        else if (buffer.Length > 0 && !_finished)
        {
            _finished = true;
            Finish();
        }
        return read;
    }

    private void Finish()
    {
        if (_expectedSize is { } size && BytesRead != size)
            throw new HashMismatchException(_fileName, _location, $"size:{size}", $"size:{BytesRead}");
        ActualSha256 = Convert.ToHexStringLower(_sha256.GetHashAndReset());
        if (_expectedSha256 is not null && !string.Equals(_expectedSha256, ActualSha256, StringComparison.OrdinalIgnoreCase))
            throw new HashMismatchException(_fileName, _location, $"sha256:{_expectedSha256}", $"sha256:{ActualSha256}");
        if (_other is { } other)
        {
            var actual = Convert.ToHexStringLower(other.Hash.GetHashAndReset());
            if (!string.Equals(other.Hex, actual, StringComparison.OrdinalIgnoreCase))
                throw new HashMismatchException(_fileName, _location, $"{other.Algorithm}:{other.Hex}", $"{other.Algorithm}:{actual}");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _sha256.Dispose();
            _other?.Hash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        _sha256.Dispose();
        _other?.Hash.Dispose();
        await base.DisposeAsync();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
