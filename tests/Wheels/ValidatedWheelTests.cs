using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Wheels;

/// <summary>What a wheel must say about itself (layout, RECORD, METADATA, WHEEL, file name), in process.</summary>
public class ValidatedWheelTests
{
    private static ValidatedWheel Validate(WheelBuilder b)
    {
        var archive = WheelArchive.Open(new MemoryStream(b.ToBytes()), b.FileName, 1L << 30, 1000);
        return ValidatedWheel.Validate(archive);
    }

    private static string Refusal(WheelBuilder b) => Assert.Throws<InvalidWheelException>(() => Validate(b)).Message;

    private static WheelBuilder Demo() => new WheelBuilder("demo", "1.0").File("demo/__init__.py", "x = 1\n");

    [Fact]
    public void GoodWheelCarriesRecordHashes()
    {
        var b = Demo().Script("demo", "#!python\n");
        using var archive = WheelArchive.Open(new MemoryStream(b.ToBytes()), b.FileName, 1L << 30, 1000);
        var wheel = ValidatedWheel.Validate(archive);
        Assert.Equal("demo-1.0.dist-info", wheel.DistInfo);
        Assert.Equal(WheelBuilder.RecordHash("x = 1\n"u8), wheel.Hashes["demo/__init__.py"].ToString());
        Assert.False(wheel.Hashes.ContainsKey("demo-1.0.dist-info/RECORD"));
        Assert.True(archive.Find("demo-1.0.data/scripts/demo")!.Executable);
        Assert.False(archive.Find("demo/__init__.py")!.Executable);
    }

    [Fact]
    public void UnnormalizedSpellingsStillMatch()
    {
        // File name escaped, METADATA as the author wrote it, version spelled differently.
        var b = new WheelBuilder("Foo.Bar", "1.0.0", "py2.py3-none-any").File("foo_bar.py", "").WithMetadataName("Foo-Bar").WithMetadataVersion("1.0");
        Assert.Equal("foo_bar-1.0.0.dist-info", Validate(b).DistInfo);
    }

    [Fact]
    public void MissingRecordIsRefused() => Assert.Contains("has no RECORD", Refusal(Demo().WithoutRecord()));

    [Fact]
    public void UnparsableRecordIsRefused()
    {
        var b = new WheelBuilder().File("demo/a.py", "").WithRecordLine("demo/b.py,sha256=!!!,3");
        Assert.Contains("unreadable RECORD", Refusal(b));
    }

    [Fact]
    public void FileMissingFromRecordIsRefused() => Assert.Contains("'demo/__init__.py' is not listed in RECORD", Refusal(Demo().NotInRecord("demo/__init__.py")));

    [Fact]
    public void RecordLineWithoutFileIsRefused() =>
        Assert.Contains("'demo/gone.py' is listed in RECORD but missing", Refusal(Demo().WithRecordLine($"demo/gone.py,{WheelBuilder.RecordHash([])},0")));

    [Fact]
    public void RecordSizeDisagreeingWithArchiveIsRefused() =>
        Assert.Contains("bytes in RECORD", Refusal(Demo().NotInRecord("demo/__init__.py").WithRecordLine($"demo/__init__.py,{WheelBuilder.RecordHash("x = 1\n"u8)},99")));

    [Fact]
    public void WeakRecordHashIsRefused() =>
        Assert.Contains("'md5'", Refusal(Demo().NotInRecord("demo/__init__.py").WithRecordLine("demo/__init__.py,md5=AAAAAAAAAAAAAAAAAAAAAA,6")));

    [Fact]
    public void UnhashedFileIsRefused() =>
        Assert.Contains("no hash in RECORD", Refusal(Demo().NotInRecord("demo/__init__.py").WithRecordLine("demo/__init__.py,,6")));

    [Fact]
    public void MetadataNameDifferingFromFileNameIsRefused() => Assert.Contains("METADATA Name 'other'", Refusal(Demo().WithMetadataName("other")));

    [Fact]
    public void MetadataVersionDifferingFromFileNameIsRefused() => Assert.Contains("METADATA Version '1.1'", Refusal(Demo().WithMetadataVersion("1.1")));

    [Fact]
    public void FileNameTagMissingFromWheelFileIsRefused() =>
        Assert.Contains("tag 'py3-none-any'", Refusal(Demo().WithWheelTags("cp311-cp311-linux_x86_64")));

    [Fact]
    public void InvalidVersionInFileNameIsRefused()
    {
        var e = Assert.Throws<InvalidWheelException>(() => ValidatedWheel.ParseFileName("demo-1.0.x-py3-none-any.whl"));
        Assert.Contains("demo-1.0.x-py3-none-any.whl", e.Message);
        Assert.Contains("invalid file name", e.Message);
    }

    [Fact]
    public void SecondDistInfoIsRefused() => Assert.Contains("several .dist-info", Refusal(Demo().File("other-2.0.dist-info/METADATA", "")));

    [Fact]
    public void UnknownDataSchemeIsRefused() => Assert.Contains(".data/{purelib", Refusal(Demo().File("demo-1.0.data/etc/passwd", "")));

    [Fact]
    public void ForeignDataDirectoryIsRefused() => Assert.Contains("does not match", Refusal(Demo().File("other-1.0.data/purelib/x.py", "")));

    [Fact]
    public void DistInfoNotMatchingFileNameIsRefused() =>
        Assert.Contains("does not match the file name", Refusal(Demo().WithFileName("demo-2.0-py3-none-any.whl").WithMetadataVersion("2.0")));
}
