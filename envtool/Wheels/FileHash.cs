using System.Security.Cryptography;
using EnvTool.Standards.Metadata;

namespace EnvTool.Wheels;

/// <summary>
/// The RECORD hash algorithms envtool checks. sha256 (what every wheel builder writes) is checked
/// by the store while it writes the object; the stronger sha384 and sha512 the spec also permits
/// are checked here, by a stream that hashes what passes through. Weaker ones are refused.
/// </summary>
public static class FileHash
{
    public static bool IsSupported(string algorithm) => algorithm is "sha256" or "sha384" or "sha512";

    /// <summary>
    /// The stream to hand the store for a member: <paramref name="content"/> itself for sha256 (the
    /// store checks it), or a wrapper that refuses the wheel at the end of the member on a mismatch.
    /// </summary>
    public static Stream Checking(Stream content, RecordHash expected, string wheel, string member) =>
        expected.Algorithm switch
        {
            "sha256" => content,
            "sha384" => new CheckingStream(content, IncrementalHash.CreateHash(HashAlgorithmName.SHA384), expected, wheel, member),
            "sha512" => new CheckingStream(content, IncrementalHash.CreateHash(HashAlgorithmName.SHA512), expected, wheel, member),
            var other => throw new InvalidWheelException(wheel, $"has a RECORD hash of unsupported algorithm '{other}'", member),
        };

    private sealed class CheckingStream(Stream inner, IncrementalHash hash, RecordHash expected, string wheel, string member) : Stream
    {
        private bool _checked;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            hash.AppendData(buffer[..n]);
            if (n == 0 && buffer.Length > 0 && !_checked)
            {
                _checked = true;
                var actual = hash.GetHashAndReset();
                if (!expected.Digest.SequenceEqual(actual))
                    throw new InvalidWheelException(wheel,
                        $"does not match its RECORD hash: expected {expected}, got {RecordHash.FromBytes(expected.Algorithm, actual)}", member);
            }
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                hash.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
