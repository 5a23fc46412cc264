using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>
/// Invariant 5 for wheels, through the real binary: each bad wheel gets one clear error line naming
/// the wheel and the reason, a non-zero exit, and leaves the store byte-for-byte and row-for-row as
/// it was (the store already holds a good wheel, so there is something to disturb).
/// </summary>
public sealed class BadWheelTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-badwheel");
    private readonly string _store;

    public BadWheelTests()
    {
        _store = _dir.Sub("store");
        var good = new WheelBuilder("good", "1.0").File("good/__init__.py", "x = 1\n").File("good/data.bin", new byte[4096]).WriteTo(_dir.Sub("good"));
        StoreCli.Ok(_store, "store", "add", good);
    }

    public void Dispose() => _dir.Dispose();

    private void AssertRefused(string wheel, string reason, string? member = null, params string[] options)
    {
        var before = StoreSnapshot.Take(_store);
        var result = StoreCli.Run(_store, ["store", "add", .. options, wheel]);
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(StoreCli.Errors(result));
        Assert.Contains(Path.GetFileName(wheel), error);
        Assert.Contains(reason, error);
        if (member is not null) Assert.Contains(member, error);
        Assert.DoesNotContain("internal error", result.Stderr);
        before.AssertSameAs(StoreSnapshot.Take(_store));
    }

    private string Write(WheelBuilder builder) => builder.WriteTo(_dir.Sub("in", Guid.NewGuid().ToString("N")));

    private static WheelBuilder Demo() => new WheelBuilder("demo", "1.0").File("demo/__init__.py", "x = 1\n");

    [Fact]
    public void ZipSlipEntry() =>
        AssertRefused(Write(Demo().File("../../evil.py", "pwned")), "'..' path segment", "../../evil.py");

    [Fact]
    public void AbsolutePath() =>
        AssertRefused(Write(Demo().File("/tmp/evil.py", "pwned")), "absolute path", "/tmp/evil.py");

    [Fact]
    public void SymlinkEntry() =>
        AssertRefused(Write(Demo().Symlink("demo/passwd", "/etc/passwd")), "symbolic link", "demo/passwd");

    [Fact]
    public void RecordHashMismatch() =>
        // The bad file sits between good ones, so the store has begun writing objects when it is found.
        AssertRefused(Write(Demo().File("demo/a.py", "a").File("demo/b.py", "b").WithWrongHash("demo/b.py").File("demo/c.py", "c")),
            "does not match RECORD", "demo/b.py");

    [Fact]
    public void MissingRecord() => AssertRefused(Write(Demo().WithoutRecord()), "has no RECORD");

    [Fact]
    public void TruncatedZip() => AssertRefused(Write(Demo().File("demo/big.py", new string('x', 5000)).Truncated(200)), "truncated");

    [Fact]
    public void ZipBombWithLyingHeader() =>
        // 64 MiB of zeros declared as 1000 bytes: never more than 1000 bytes are unpacked, and RECORD catches the rest.
        AssertRefused(Write(Demo().Member(new RawZipWriter.Member("demo/bomb.bin", new byte[64 << 20], DeclaredSize: 1000), inRecord: true)),
            "demo-1.0-py3-none-any.whl", "demo/bomb.bin");

    [Fact]
    public void ZipBombBeyondDeflateRatio() =>
        AssertRefused(Write(Demo().Member(new RawZipWriter.Member("demo/bomb.bin", new byte[1 << 20], DeclaredSize: 4_000_000_000), inRecord: true)),
            "zip bomb", "demo/bomb.bin");

    [Fact]
    public void WheelOverTheSizeLimit() =>
        AssertRefused(Write(Demo().File("demo/big.bin", new byte[2 << 20])), "limit of 1000000 bytes", null, "--max-unpacked-bytes", "1000000");

    [Fact]
    public void NonZipFileNamedWhl()
    {
        var path = _dir.Sub("in", "demo-1.0-py3-none-any.whl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "<html>not a wheel</html>\n");
        AssertRefused(path, "not a zip archive");
    }

    [Fact]
    public void InvalidVersionInFileName() =>
        AssertRefused(Write(Demo().WithFileName("demo-1.0.x-py3-none-any.whl")), "invalid file name");

    [Fact]
    public void MetadataNameDifferingFromFileName() =>
        AssertRefused(Write(Demo().WithMetadataName("evil")), "METADATA Name 'evil'");

    [Fact]
    public void OneBadWheelDoesNotStopTheOthers()
    {
        var good = Write(new WheelBuilder("fine", "2.0").File("fine.py", ""));
        var bad = Write(Demo().File("../evil.py", ""));
        var result = StoreCli.Run(_store, "store", "add", bad, good);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.GetFileName(bad), Assert.Single(StoreCli.Errors(result)));
        Assert.Contains("fine 2.0", StoreCli.Ok(_store, "store", "list").Stdout);
    }

    [Fact]
    public void HundredThousandEmptyFiles()
    {
        // Accepted or refused by the file limit: either way it must finish and say which.
        var wheel = Write(new WheelBuilder("many", "1.0").Files(100_000, i => $"many/d{i % 100}/f{i}.py"));
        var result = StoreCli.Run(_store, "store", "add", wheel);
        if (result.ExitCode == 0)
        {
            Assert.Contains("many 1.0", result.Stdout);
            StoreCli.Ok(_store, "store", "verify");
        }
        else
        {
            Assert.Contains("limit", Assert.Single(StoreCli.Errors(result)));
        }
    }
}
