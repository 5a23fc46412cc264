using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Wheels;

/// <summary>The central-directory checks and the size-holding member stream, in process.</summary>
public class WheelArchiveTests
{
    private static InvalidWheelException Refused(WheelBuilder builder, long maxBytes = 1L << 30, int maxFiles = 1000, bool readAll = false)
    {
        return Assert.Throws<InvalidWheelException>(() =>
        {
            using var archive = WheelArchive.Open(new MemoryStream(builder.ToBytes()), builder.FileName, maxBytes, maxFiles);
            if (readAll)
                foreach (var f in archive.Files) archive.ReadAll(f, int.MaxValue);
        });
    }

    private static RawZipWriter.Member Raw(string name, string content = "x", int mode = 0x81A4) =>
        new(name, System.Text.Encoding.UTF8.GetBytes(content), mode);

    [Theory]
    [InlineData("../evil.py", "'..' path segment")]
    [InlineData("demo/../../evil.py", "'..' path segment")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("demo\\evil.py", "backslash")]
    [InlineData("C:/evil.py", "drive letter")]
    [InlineData("demo//evil.py", "empty path segment")]
    [InlineData("demo/./evil.py", "'.' path segment")]
    [InlineData("demo/a\nb.py", "control character")]
    public void UnsafeNamesAreRefused(string name, string reason)
    {
        var e = Refused(new WheelBuilder().Member(Raw(name)));
        Assert.Contains(reason, e.Message);
        Assert.Equal(name, e.Member);
        Assert.Contains("demo-1.0-py3-none-any.whl", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData(0xA1FF, "symbolic link")]
    [InlineData(0x21B6, "character device")]
    [InlineData(0x61B6, "block device")]
    [InlineData(0x11B6, "named pipe")]
    [InlineData(0xC1B6, "socket")]
    public void SpecialFilesAreRefused(int mode, string what)
    {
        var e = Refused(new WheelBuilder().Member(Raw("demo/x", "target", mode)));
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void DuplicateNamesAreRefused() =>
        Assert.Contains("more than once", Refused(new WheelBuilder().File("demo/a.py", "1").File("demo/a.py", "2")).Message);

    [Fact]
    public void NamesDifferingOnlyByCaseAreRefused() =>
        Assert.Contains("only by case", Refused(new WheelBuilder().File("demo/A.py", "1").File("demo/a.py", "2")).Message);

    [Fact]
    public void DirectoriesDifferingOnlyByCaseAreRefused() =>
        Assert.Contains("only by case", Refused(new WheelBuilder().File("Demo/a.py", "1").File("demo/b.py", "2")).Message);

    [Fact]
    public void SameNameInDifferentDirectoriesIsFine()
    {
        var b = new WheelBuilder().File("demo/a.py", "1").File("demo/sub/A.py", "2");
        using var archive = WheelArchive.Open(new MemoryStream(b.ToBytes()), b.FileName, 1 << 20, 100);
        Assert.Contains(archive.Files, f => f.Path == "demo/sub/A.py");
    }

    [Fact]
    public void FileAndDirectoryOfTheSameNameAreRefused() =>
        Assert.Contains("both a file and a directory", Refused(new WheelBuilder().File("demo/a", "1").File("demo/a/b.py", "2")).Message);

    [Fact]
    public void TooManyFilesAreRefused() =>
        Assert.Contains("limit of 10 files", Refused(new WheelBuilder().Files(20, i => $"demo/{i}.py"), maxFiles: 10).Message);

    [Fact]
    public void TooManyDeclaredBytesAreRefused() =>
        Assert.Contains("limit of 1000 bytes", Refused(new WheelBuilder().File("demo/a.bin", new byte[2000]), maxBytes: 1000).Message);

    [Fact]
    public void ImpossibleCompressionRatioIsRefused() =>
        Assert.Contains("zip bomb", Refused(new WheelBuilder().Member(
            new RawZipWriter.Member("demo/a.bin", new byte[100], DeclaredSize: 4_000_000_000))).Message);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MemberLargerThanDeclaredNeverYieldsMoreThanDeclared(bool deflate)
    {
        // Whichever layer notices first (the zip reader stopping at the declared size, or the
        // member stream refusing the extra bytes), no more than the declared bytes come out.
        var b = new WheelBuilder().Member(new RawZipWriter.Member("demo/a.bin", new byte[1 << 20], Deflate: deflate, DeclaredSize: 1000));
        using var archive = WheelArchive.Open(new MemoryStream(b.ToBytes()), b.FileName, 1L << 30, 100);
        var member = archive.Find("demo/a.bin")!;
        try
        {
            using var stream = archive.OpenMember(member);
            var total = 0L;
            var buffer = new byte[81920];
            for (int n; (n = stream.Read(buffer)) > 0;) total += n;
            Assert.Equal(1000, total);
        }
        catch (InvalidWheelException e)
        {
            Assert.Equal("demo/a.bin", e.Member);
        }
    }

    [Fact]
    public void MemberShorterThanDeclaredIsRefusedWhileReading()
    {
        var e = Refused(new WheelBuilder().Member(new RawZipWriter.Member("demo/a.bin", new byte[1000], DeclaredSize: 1001)), readAll: true);
        Assert.Equal("demo/a.bin", e.Member);
    }

    [Fact]
    public void TruncatedArchiveIsRefused() =>
        Assert.Contains("not a zip archive", Refused(new WheelBuilder().File("demo/a.py", "x").Truncated(30)).Message);

    [Fact]
    public void NotAZipIsRefused()
    {
        var e = Assert.Throws<InvalidWheelException>(() => WheelArchive.Open(new MemoryStream("hello"u8.ToArray()), "x-1.0-py3-none-any.whl", 1000, 10));
        Assert.Contains("not a zip archive", e.Message);
    }
}
