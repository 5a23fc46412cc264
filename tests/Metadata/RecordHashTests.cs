using EnvTool.Standards;
using EnvTool.Standards.Metadata;

namespace EnvTool.Tests.Metadata;

public class RecordHashTests
{
    // sha256 of no bytes.
    private const string EmptyHex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string EmptyRecord = "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    [Fact]
    public void ParsesAndFormatsTheRecordForm()
    {
        var h = RecordHash.Parse(EmptyRecord);
        Assert.Equal("sha256", h.Algorithm);
        Assert.Equal(EmptyHex, h.DigestHex);
        Assert.Equal(Convert.FromHexString(EmptyHex), h.Digest.ToArray());
        Assert.Equal(EmptyRecord, h.ToString());
    }

    [Fact]
    public void ConvertsFromBytesHexAndContent()
    {
        var fromHex = RecordHash.FromHex("sha256", EmptyHex.ToUpperInvariant());
        var fromBytes = RecordHash.FromBytes("sha256", Convert.FromHexString(EmptyHex));
        var computed = RecordHash.Sha256Of([]);
        Assert.Equal(EmptyRecord, fromHex.ToString());
        Assert.Equal(fromHex, fromBytes);
        Assert.Equal(fromBytes, computed);
        Assert.Equal(fromBytes.GetHashCode(), computed.GetHashCode());
        Assert.NotEqual(RecordHash.Sha256Of([1]), computed);
    }

    [Fact]
    public void DigestsUseTheUrlSafeAlphabet()
    {
        // 0xFB 0xFF encodes to "-_8" in URL-safe base64 ("+/8" in the standard one).
        var h = RecordHash.FromBytes("x", [0xFB, 0xFF]);
        Assert.Equal("x=-_8", h.ToString());
        Assert.Equal(h, RecordHash.Parse("x=-_8"));
    }

    [Theory]
    [InlineData("sha256", "invalid RECORD hash 'sha256': expected 'algorithm=digest'")]
    [InlineData("=abc", "invalid RECORD hash '=abc': the algorithm name is empty at column 1")]
    [InlineData("SHA256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", "invalid RECORD hash 'SHA256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU': 'S' cannot be part of a hash algorithm name at column 1")]
    [InlineData("sha256=", "invalid RECORD hash 'sha256=': the digest is empty at column 8")]
    [InlineData("sha256=47DEQpj8HBSa+/TImW-5JCeuQeRkm5NMpJWZG3hSuFU", "invalid RECORD hash 'sha256=47DEQpj8HBSa+/TImW-5JCeuQeRkm5NMpJWZG3hSuFU': '+' is not a URL-safe base64 character at column 20")]
    [InlineData("sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=", "invalid RECORD hash 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=': the digest must be base64 without '=' padding at column 51")]
    [InlineData("sha256=47DEQpj8", "invalid RECORD hash 'sha256=47DEQpj8': a sha256 digest is 32 bytes, this one is 6")]
    [InlineData("md5=abcde", "invalid RECORD hash 'md5=abcde': the digest has an impossible base64 length")]
    public void MalformedHashesAreRefusedWithThePosition(string text, string message)
    {
        var e = Assert.Throws<ParseException>(() => RecordHash.Parse(text));
        Assert.Equal(message, e.Message);
        Assert.False(RecordHash.TryParse(text, out _));
    }

    [Fact]
    public void MalformedHexIsRefused()
    {
        Assert.Equal("invalid hex digest 'abz0': 'z' is not a hex digit at column 3",
            Assert.Throws<ParseException>(() => RecordHash.FromHex("sha256", "abz0")).Message);
        Assert.Equal("invalid RECORD hash 'abcd': a sha256 digest is 32 bytes, this one is 2",
            Assert.Throws<ParseException>(() => RecordHash.FromHex("sha256", "abcd")).Message);
    }
}
