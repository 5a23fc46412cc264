using EnvTool.Standards;
using EnvTool.Standards.Locks;
using EnvTool.Tests.Support;
using Tomlyn.Model;

namespace EnvTool.Tests.Locks;

public class PyLockReaderTests
{
    [Fact]
    public void ReadsThePepExample()
    {
        var lockFile = PyLockReader.Parse(LockSamples.PepExample, "pylock.toml");

        Assert.Equal("1.0", lockFile.LockVersion);
        Assert.Equal(["sys_platform == \"win32\"", "sys_platform == \"linux\""], lockFile.Environments!.Select(m => m.ToString()));
        Assert.Equal("==3.12.*", lockFile.RequiresPython!.ToString());
        Assert.Equal("mousebender", lockFile.CreatedBy);
        Assert.Null(lockFile.Extras);
        Assert.Empty(lockFile.Warnings);
        Assert.Equal(["attrs", "cattrs", "numpy"], lockFile.Packages.Select(p => p.Name.Normalized));

        var attrs = lockFile.Packages[0];
        Assert.Equal("25.1.0", attrs.Version!.ToString());
        Assert.Equal(">=3.8", attrs.RequiresPython!.ToString());
        var wheel = Assert.Single(attrs.Wheels);
        Assert.Equal("attrs-25.1.0-py3-none-any.whl", wheel.Name.FileName);
        Assert.Equal(63152, wheel.Size);
        Assert.Equal(new DateTimeOffset(2025, 1, 25, 11, 30, 10, TimeSpan.Zero).AddTicks(1649850), wheel.UploadTime);
        Assert.Equal(LockSamples.Hex("attrs"), wheel.Hashes.Sha256!.DigestHex);
        Assert.EndsWith("/fc/30/attrs-25.1.0-py3-none-any.whl", wheel.Url);
        Assert.Null(wheel.Path);
        Assert.Null(attrs.WhyNotInstallable);
        var attestation = Assert.Single(attrs.AttestationIdentities!);
        Assert.Equal("GitHub", attestation["kind"]);

        var cattrs = lockFile.Packages[1];
        Assert.Equal("attrs", Assert.Single(cattrs.Dependencies!)["name"]);

        Assert.Equal(2, lockFile.Packages[2].Wheels.Count);
        var mousebender = Assert.IsType<TomlTable>(lockFile.Tool!["mousebender"]);
        Assert.Equal(8, Assert.IsType<TomlArray>(mousebender["command"]).Count);
    }

    [Fact]
    public void ReadsEveryKindOfSourceAndSaysWhichItCannotInstall()
    {
        var lockFile = PyLockReader.Parse(LockSamples.EverySource, "pylock.toml", "/work/project");

        Assert.Equal(["crypto"], lockFile.Extras);
        Assert.Equal(["dev"], lockFile.DependencyGroups);
        Assert.Equal(["default"], lockFile.DefaultGroups);
        var byName = lockFile.Packages.ToDictionary(p => p.Name.Normalized);

        var local = byName["local-wheel"];
        var wheel = Assert.Single(local.Wheels);
        Assert.Equal("local_wheel-1.0-py3-none-any.whl", wheel.Name.FileName);
        Assert.Equal(["sha256", "sha512"], wheel.Hashes.All.Select(h => h.Algorithm));
        Assert.Equal("/work/project/wheels/local_wheel-1.0-py3-none-any.whl", lockFile.ResolvePath(wheel.Path!));
        Assert.Null(local.WhyNotInstallable);

        var sdist = byName["from-sdist"];
        Assert.Equal("from_sdist-2.0.tar.gz", sdist.Sdist!.Name);
        Assert.Equal("https://index.example.org/simple/", sdist.Index);
        Assert.Contains("only a source distribution (from_sdist-2.0.tar.gz)", sdist.WhyNotInstallable);

        var git = byName["from-git"];
        Assert.Equal(("git", "main", "src"), (git.Vcs!.Type, git.Vcs.RequestedRevision, git.Vcs.Subdirectory));
        Assert.Contains("git checkout", git.WhyNotInstallable);

        var directory = byName["from-directory"];
        Assert.True(directory.Directory!.Editable);
        Assert.Null(directory.Version);
        Assert.Contains("local source tree '../from-directory'", directory.WhyNotInstallable);

        var archive = byName["from-archive"];
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), archive.Archive!.UploadTime);
        Assert.Contains("archive", archive.WhyNotInstallable);
        Assert.Equal("kept", Assert.IsType<TomlTable>(archive.Tool!["other-locker"])["note"]);
    }

    [Fact]
    public void TakesTheWheelFileNameFromTheUrlWhenNameIsAbsent()
    {
        var text = $$$"""
            lock-version = "1.0"
            created-by = "t"
            [[packages]]
            name = "demo"
            version = "1.0"
            wheels = [{url = "https://files.example.org/a/demo-1.0-py3-none-any.whl?x=1#frag", hashes = {sha256 = "{{{LockSamples.Hex("d")}}}"}}]
            """;
        Assert.Equal("demo-1.0-py3-none-any.whl", PyLockReader.Parse(text, "pylock.toml").Packages[0].Wheels[0].Name.FileName);
    }

    [Fact]
    public void ANewerMinorVersionWarnsAboutUnknownKeysInsteadOfRefusingThem()
    {
        var text = $$$"""
            lock-version = "1.3"
            created-by = "t"
            future-key = 1
            [[packages]]
            name = "demo"
            future-package-key = "x"
            wheels = [{name = "demo-1.0-py3-none-any.whl", path = "demo-1.0-py3-none-any.whl", hashes = {sha256 = "{{{LockSamples.Hex("d")}}}"}}]
            """;
        var lockFile = PyLockReader.Parse(text, "pylock.toml");

        Assert.Equal("1.3", lockFile.LockVersion);
        Assert.Equal(3, lockFile.Warnings.Count);
        Assert.StartsWith("pylock.toml:1: lock-version 1.3 is newer than 1.0", lockFile.Warnings[0]);
        Assert.Contains(lockFile.Warnings, w => w.StartsWith("pylock.toml:3: future-key: unknown key", StringComparison.Ordinal));
        Assert.Contains(lockFile.Warnings, w => w.StartsWith("pylock.toml:6: packages[0].future-package-key: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void AnotherMajorVersionIsRefusedWithAHint()
    {
        var e = Assert.Throws<FileParseException>(() => PyLockReader.Parse("created-by = \"t\"\nlock-version = \"2.0\"\npackages = []\n", "pylock.toml"));
        Assert.Equal("pylock.toml:2: lock-version: lock-version '2.0' is not supported: envtool reads lock files of major version 1", e.Message);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public void AnEmptyPackageListIsALock()
    {
        var lockFile = PyLockReader.Parse("lock-version = \"1.0\"\ncreated-by = \"t\"\npackages = []\n", "pylock.toml");
        Assert.Empty(lockFile.Packages);
    }

    [Fact]
    public void ReadsAFileAndResolvesPathsAgainstItsDirectory()
    {
        using var dir = new TempDir();
        var path = dir.Sub("pylock.toml");
        File.WriteAllText(path, "\uFEFF" + LockSamples.EverySource);

        var lockFile = PyLockReader.Read(path);

        Assert.Equal(path, lockFile.File);
        Assert.Equal(dir.Path, lockFile.Directory);
        Assert.Equal(dir.Sub("wheels", "local_wheel-1.0-py3-none-any.whl"), lockFile.ResolvePath(lockFile.Packages[0].Wheels[0].Path!));
    }

    [Fact]
    public void AMissingOrUndecodableFileIsAFileError()
    {
        using var dir = new TempDir();
        var missing = Assert.Throws<FileParseException>(() => PyLockReader.Read(dir.Sub("pylock.toml")));
        Assert.Equal($"{dir.Sub("pylock.toml")}: the lock file does not exist", missing.Message);

        File.WriteAllBytes(dir.Sub("bad.toml"), [0x6c, 0x3d, 0xff, 0xfe]);
        var bad = Assert.Throws<FileParseException>(() => PyLockReader.Read(dir.Sub("bad.toml")));
        Assert.Contains("not valid UTF-8", bad.Message);
    }

    [Fact]
    public void PackagesMayRepeatWhenMarkersTellThemApart()
    {
        var text = $$$"""
            lock-version = "1.0"
            created-by = "t"
            [[packages]]
            name = "demo"
            version = "1.0"
            marker = "sys_platform == 'win32'"
            wheels = [{name = "demo-1.0-py3-none-any.whl", path = "a.whl", hashes = {sha256 = "{{{LockSamples.Hex("a")}}}"}}]
            [[packages]]
            name = "demo"
            version = "2.0"
            wheels = [{name = "demo-2.0-py3-none-any.whl", path = "b.whl", hashes = {sha256 = "{{{LockSamples.Hex("b")}}}"}}]
            """;
        Assert.Equal(2, PyLockReader.Parse(text, "pylock.toml").Packages.Count);
    }
}
