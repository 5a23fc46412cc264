using System.Security.Cryptography;
using EnvTool.Store;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Wheels;

/// <summary>RECORD may use sha512 instead of sha256: checked while streaming, in process.</summary>
public class RecordHashAlgorithmTests
{
    private static string Sha512Line(string path, byte[] content) =>
        $"{path},sha512={Convert.ToBase64String(SHA512.HashData(content)).Replace('+', '-').Replace('/', '_').TrimEnd('=')},{content.Length}";

    [Fact]
    public void Sha512RecordHashesAreChecked()
    {
        using var dir = new TempDir();
        using var store = ContentStore.Open(dir.Sub("store"));
        var good = new WheelBuilder("good", "1.0").File("good.py", "x = 1\n").NotInRecord("good.py")
            .WithRecordLine(Sha512Line("good.py", "x = 1\n"u8.ToArray())).WriteTo(dir.Sub("in"));
        Assert.Equal(4, new WheelImporter(store).Import(good).Entry.FileCount);

        var bad = new WheelBuilder("bad", "1.0").File("bad.py", "x = 1\n").NotInRecord("bad.py")
            .WithRecordLine(Sha512Line("bad.py", "x = 2\n"u8.ToArray())).WriteTo(dir.Sub("in"));
        var e = Assert.Throws<InvalidWheelException>(() => new WheelImporter(store).Import(bad));
        Assert.Equal("bad.py", e.Member);
        Assert.Contains("sha512", e.Message);
        Assert.Null(store.FindEntry(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bad)))));
    }
}
