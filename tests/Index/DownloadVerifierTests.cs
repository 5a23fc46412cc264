using System.Security.Cryptography;
using EnvTool.Index;
using EnvTool.Index.Errors;

namespace EnvTool.Tests.Index;

public sealed class DownloadVerifierTests
{
    private static readonly byte[] Content = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

    private static DownloadVerifier Verifier(Dictionary<string, string> hashes, long? size = null, Action<long>? progress = null) =>
        new(new MemoryStream(Content), "demo-1.0.tar.gz", "https://u:p@host.example/demo-1.0.tar.gz", hashes, size, progress);

    [Fact]
    public void A_matching_stream_reports_its_sha256_and_progress()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Content));
        var seen = new List<long>();
        using var verifier = Verifier(new() { ["sha256"] = sha256.ToUpperInvariant() }, Content.Length, seen.Add);

        verifier.CopyTo(Stream.Null, 4096);

        Assert.Equal(sha256, verifier.ActualSha256);
        Assert.True(verifier.HasExpectedHash);
        Assert.Equal(Content.Length, verifier.BytesRead);
        Assert.Equal(Content.Length, seen[^1]);
        Assert.True(seen.Count > 10);
    }

    [Fact]
    public void A_mismatch_names_the_file_expected_and_actual_with_the_url_redacted()
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Content));
        using var verifier = Verifier(new() { ["sha256"] = new string('f', 64) });

        var error = Assert.Throws<HashMismatchException>(() => verifier.CopyTo(Stream.Null));

        Assert.Equal($"demo-1.0.tar.gz from https://***@host.example/demo-1.0.tar.gz does not match the index's hash: expected sha256:{new string('f', 64)}, got sha256:{sha256}", error.Message);
    }

    [Fact]
    public async Task Sha512_is_checked_when_it_is_the_only_hash()
    {
        var sha512 = Convert.ToHexStringLower(SHA512.HashData(Content));
        await using (var good = Verifier(new() { ["sha512"] = sha512, ["md5"] = "00" }))
            await good.CopyToAsync(Stream.Null);

        await using var bad = Verifier(new() { ["sha512"] = new string('0', 128) });
        var error = await Assert.ThrowsAsync<HashMismatchException>(() => bad.CopyToAsync(Stream.Null));
        Assert.Equal($"sha512:{sha512}", error.Actual);
    }

    [Fact]
    public void A_wrong_size_is_a_mismatch_even_without_a_hash()
    {
        using var shorter = Verifier([], Content.Length + 1);
        using var longer = Verifier([], 10);

        Assert.Equal("size:100000", Assert.Throws<HashMismatchException>(() => shorter.CopyTo(Stream.Null)).Actual);
        Assert.Equal("size:10", Assert.Throws<HashMismatchException>(() => longer.CopyTo(Stream.Null)).Expected);
        Assert.False(shorter.HasExpectedHash);
    }
}
