using System.Buffers.Text;

namespace EnvTool.Standards.Metadata;

/// <summary>
/// The hash column of a RECORD row: <c>algorithm=digest</c> with the digest in URL-safe base64 without
/// padding, e.g. <c>sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU</c>. Equal when algorithm and
/// digest bytes are equal.
/// </summary>
public sealed class RecordHash : IEquatable<RecordHash>
{
    private const string What = "RECORD hash";
    private byte[]? digest;
    private string? text;

    private RecordHash(string algorithm, byte[] digest)
    {
        Algorithm = algorithm;
        this.digest = digest;
    }

    /// <summary>A checked <c>algorithm=digest</c> text, decoded when its bytes are first asked for.</summary>
    private RecordHash(string algorithm, string text)
    {
        Algorithm = algorithm;
        this.text = text;
    }

    /// <summary>A hashlib algorithm name, e.g. "sha256".</summary>
    public string Algorithm { get; }

    public ReadOnlySpan<byte> Digest => digest ??= Base64Url.DecodeFromChars(text.AsSpan(Algorithm.Length + 1));

    /// <summary>The digest as RECORD writes it: URL-safe base64 without padding.</summary>
    public string DigestBase64 => text is not null ? text[(Algorithm.Length + 1)..] : Base64Url.EncodeToString(Digest);

    /// <summary>The digest as lowercase hex, the form indexes, lock files and <c>--hash</c> use.</summary>
    public string DigestHex => Convert.ToHexStringLower(Digest);

    /// <summary>
    /// <c>algorithm=digest</c>: as it was read when parsed (as pip copies a wheel's RECORD rows, and a
    /// tree's RECORD repeats 40,000 of them, which encoding each again made a fifth of planning), else encoded.
    /// </summary>
    public override string ToString() => text ??= $"{Algorithm}={DigestBase64}";

    public static RecordHash Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq < 0) throw new ParseException(What, text, -1, "expected 'algorithm=digest'");
        var algorithm = text.AsSpan(0, eq) is "sha256" ? "sha256" : text[..eq]; // nearly every row: one string for all
        CheckAlgorithm(algorithm, text);

        var encoded = text.AsSpan(eq + 1);
        if (encoded.IsEmpty) throw new ParseException(What, text, eq + 1, "the digest is empty");
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '=')
                throw new ParseException(What, text, eq + 1 + i, "the digest must be base64 without '=' padding");
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new ParseException(What, text, eq + 1 + i, $"'{c}' is not a URL-safe base64 character");
        }
        if (encoded.Length % 4 == 1)
            throw new ParseException(What, text, -1, "the digest has an impossible base64 length");
        // Unpadded base64: every 4 characters are 3 bytes, 2 or 3 left over are 1 or 2 more.
        CheckLength(algorithm, encoded.Length / 4 * 3 + Math.Max(0, encoded.Length % 4 - 1), text);
        // Decoded when asked (a tree's RECORDs repeat 40,000 hashes and mostly only copy them).
        return new RecordHash(algorithm, text);
    }

    public static bool TryParse(string text, out RecordHash? hash)
    {
        try { hash = Parse(text); return true; }
        catch (ParseException) { hash = null; return false; }
    }

    public static RecordHash FromBytes(string algorithm, ReadOnlySpan<byte> digest)
    {
        CheckAlgorithm(algorithm, algorithm);
        CheckLength(algorithm, digest.Length, Convert.ToHexStringLower(digest));
        return new RecordHash(algorithm, digest.ToArray());
    }

    public static RecordHash FromHex(string algorithm, string hex)
    {
        foreach (var c in hex)
            if (!char.IsAsciiHexDigit(c))
                throw new ParseException("hex digest", hex, hex.IndexOf(c), $"'{c}' is not a hex digit");
        if (hex.Length % 2 != 0) throw new ParseException("hex digest", hex, -1, "odd number of hex digits");
        return FromBytes(algorithm, Convert.FromHexString(hex));
    }

    /// <summary>The sha256 RECORD hash of some bytes.</summary>
    public static RecordHash Sha256Of(ReadOnlySpan<byte> content) =>
        new("sha256", System.Security.Cryptography.SHA256.HashData(content));

    public bool Equals(RecordHash? other) =>
        other is not null && Algorithm == other.Algorithm && Digest.SequenceEqual(other.Digest);

    public override bool Equals(object? obj) => Equals(obj as RecordHash);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Algorithm);
        h.AddBytes(Digest);
        return h.ToHashCode();
    }

    private static void CheckAlgorithm(string algorithm, string input)
    {
        if (algorithm.Length == 0) throw new ParseException(What, input, 0, "the algorithm name is empty");
        for (var i = 0; i < algorithm.Length; i++)
            if (!(char.IsAsciiLetterLower(algorithm[i]) || char.IsAsciiDigit(algorithm[i]) || algorithm[i] == '_'))
                throw new ParseException(What, input, i, $"'{algorithm[i]}' cannot be part of a hash algorithm name");
    }

    private static void CheckLength(string algorithm, int length, string input)
    {
        if (DigestSize(algorithm) is { } expected && expected != length)
            throw new ParseException(What, input, -1, $"a {algorithm} digest is {expected} bytes, this one is {length}");
    }

    /// <summary>Digest sizes of the fixed-size algorithms hashlib guarantees; null for others (e.g. shake_128).</summary>
    private static int? DigestSize(string algorithm) => algorithm switch
    {
        "md5" => 16,
        "sha1" => 20,
        "sha224" or "sha3_224" => 28,
        "sha256" or "sha3_256" or "blake2s" => 32,
        "sha384" or "sha3_384" => 48,
        "sha512" or "sha3_512" or "blake2b" => 64,
        _ => null,
    };
}
