using EnvTool.Standards;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.RequirementsFiles;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Locks;

public class RequireHashesTests : IDisposable
{
    private static readonly string A = LockSamples.Hex("a");
    private static readonly string B = LockSamples.Hex("b");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private RequirementsFile File(string text, string name = "requirements.txt")
    {
        System.IO.File.WriteAllText(_dir.Sub(name), text);
        return RequirementsFile.Read(_dir.Sub(name));
    }

    private FileParseException Refused(string text, bool commandLine = false) =>
        Assert.Throws<FileParseException>(() => RequireHashes.Check(File(text), commandLine));

    [Fact]
    public void IsOffWithoutTheOptionOrAnyHash()
    {
        var check = RequireHashes.Check(File("attrs>=20\nnumpy\n"));
        Assert.False(check.IsOn);
        Assert.Null(check.Reason);
    }

    [Fact]
    public void AcceptsPinnedHashedRequirementsAndKeepsTheirHashes()
    {
        var check = RequireHashes.Check(File($"--require-hashes\nattrs==25.1.0 --hash=sha256:{A} \\\n    --hash=sha256:{B}\nlegacy===1.0-odd --hash=sha256:{A}\n"));

        Assert.True(check.IsOn);
        Assert.Equal("the requirements file asks for --require-hashes", check.Reason);
        Assert.Equal([A, B], check.HashesFor(PackageName.Parse("Attrs"))!.Select(h => h.DigestHex));
        Assert.Single(check.HashesFor(PackageName.Parse("legacy"))!);
        Assert.Null(check.HashesFor(PackageName.Parse("numpy")));
    }

    [Theory]
    [InlineData("attrs>=25")]
    [InlineData("attrs")]
    [InlineData("attrs==25.*")]
    [InlineData("attrs==25.1.0,!=25.0")]
    [InlineData("attrs~=25.1")]
    public void RefusesAnUnpinnedRequirementNamingItsLine(string requirement)
    {
        var e = Refused($"# comment\n{requirement} --hash=sha256:{A}\n", commandLine: true);
        Assert.Equal(_dir.Sub("requirements.txt"), e.File);
        Assert.Equal(2, e.Line);
        Assert.Contains($"'{requirement}' is not pinned: in hash-checking mode every requirement must name one version with '=='", e.Message);
        Assert.Equal("hash-checking mode is on because --require-hashes is given", e.Hint);
    }

    [Fact]
    public void RefusesAPinnedRequirementWithoutAHash()
    {
        var e = Refused("--require-hashes\nattrs==25.1.0\n");
        Assert.Equal($"{_dir.Sub("requirements.txt")}:2: 'attrs==25.1.0' has no --hash: in hash-checking mode every requirement needs the hash of each file it may install", e.Message);
    }

    [Fact]
    public void OneHashTurnsTheModeOnForEveryRequirementAsInPip()
    {
        var e = Refused($"attrs==25.1.0 --hash=sha256:{A}\nnumpy==2.2.3\n");
        Assert.Equal(2, e.Line);
        Assert.Equal($"hash-checking mode is on because {_dir.Sub("requirements.txt")}:1 gives --hash; add e.g. --hash=sha256:<hex digest of the file>", e.Hint);
    }

    [Fact]
    public void ADirectUrlIsPinnedAndMayCarryItsHashInTheFragment()
    {
        var check = RequireHashes.Check(File($"demo @ https://files.example.org/demo-1.0-py3-none-any.whl#sha256={A}\n"), commandLine: true);
        Assert.Equal([A], check.HashesFor(PackageName.Parse("demo"))!.Select(h => h.DigestHex));

        var e = Refused("demo @ https://files.example.org/demo-1.0-py3-none-any.whl\n", commandLine: true);
        Assert.Contains("'demo @ https://files.example.org/demo-1.0-py3-none-any.whl' has no --hash", e.Message);
    }

    [Fact]
    public void SkipsRequirementsWhoseMarkerDoesNotHoldForTheTarget()
    {
        var file = File($"--require-hashes\nattrs==25.1.0 --hash=sha256:{A}\npywin32>=300 ; sys_platform == 'win32'\n");
        var linux = new MarkerEnvironment("cpython", "3.12.0", "posix", "x86_64", "", "Linux", "", "3.12.0", "CPython", "3.12", "linux");

        Assert.True(RequireHashes.Check(file, target: linux).IsOn);
        var e = Assert.Throws<FileParseException>(() => RequireHashes.Check(file));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void ConstraintsAreNotChecked()
    {
        System.IO.File.WriteAllText(_dir.Sub("constraints.txt"), "numpy<3\n");
        var check = RequireHashes.Check(File($"-c constraints.txt\nattrs==25.1.0 --hash=sha256:{A}\n"), commandLine: true);
        Assert.Null(check.HashesFor(PackageName.Parse("numpy")));
    }

    [Fact]
    public void RefusesAPackageRequiredTwice()
    {
        var e = Refused($"--require-hashes\nattrs==25.1.0 --hash=sha256:{A}\nAttrs==25.1.0 --hash=sha256:{B}\n");
        Assert.Equal(3, e.Line);
        Assert.Contains($"'Attrs' is required twice (also at {_dir.Sub("requirements.txt")}:2)", e.Message);
    }

    [Fact]
    public void NamesTheIncludedFileAndItsLine()
    {
        System.IO.File.WriteAllText(_dir.Sub("base.txt"), $"attrs==25.1.0 --hash=sha256:{A}\n\nnumpy>=2 --hash=sha256:{B}\n");
        var e = Refused("-r base.txt\n", commandLine: true);
        Assert.Equal(3, e.Line);
        Assert.EndsWith("base.txt", e.File);
    }
}
