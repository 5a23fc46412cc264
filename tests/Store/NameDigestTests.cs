using System.Security.Cryptography;
using System.Text;
using EnvTool.Store.Objects;

namespace EnvTool.Tests.Store;

public class NameDigestTests
{
    [Fact]
    public void It_matches_the_platform_sha256_for_every_length_across_block_boundaries()
    {
        var random = new Random(7232);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(SHA256.HashData(data), NameDigest.Hash(data));
        }
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void It_gives_the_published_test_vectors(string text, string hex) => Assert.Equal(hex, NameDigest.Hex(text));

    [Fact]
    public void Text_is_hashed_as_utf8()
    {
        const string text = "/tmp/ümlaut env/\u6f22\u5b57";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), NameDigest.Hex(text));
    }
}
