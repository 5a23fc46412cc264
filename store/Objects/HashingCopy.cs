using System.Buffers;
using System.Security.Cryptography;

namespace EnvTool.Store.Objects;

/// <summary>
/// Copies a stream into a new file while hashing it, reading at most one byte past the size the
/// caller expects (so a lying source cannot fill the disk), then fsyncs the file.
/// </summary>
internal static class HashingCopy
{
    private const int BufferSize = 128 * 1024;

    internal readonly record struct Result(string Sha256, long Size);

    /// <summary>Writes <paramref name="source"/> to <paramref name="destination"/> (which must not exist).</summary>
    internal static Result ToNewFile(Stream source, string destination, long expectedSize, CancellationToken ct)
    {
        using var output = new FileStream(destination, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 0,
        });
        var result = Copy(source, output, expectedSize, ct);
        output.Flush(flushToDisk: true);
        return result;
    }

    /// <summary>Hashes a whole file (for verification).</summary>
    internal static Result OfFile(string path, CancellationToken ct = default)
    {
        using var input = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        return Copy(input, null, long.MaxValue - 1, ct);
    }

    private static Result Copy(Stream source, Stream? output, long expectedSize, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            var limit = expectedSize + 1;
            while (total < limit)
            {
                ct.ThrowIfCancellationRequested();
                var want = (int)Math.Min(buffer.Length, limit - total);
                var n = source.Read(buffer, 0, want);
                if (n == 0) break;
                hash.AppendData(buffer, 0, n);
                output?.Write(buffer, 0, n);
                total += n;
            }
            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            return new Result(Sha256Hex.Of(digest), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
