using EnvTool.Standards.Locks;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using EnvTool.Tests.Support;
using Tomlyn.Model;

namespace EnvTool.Tests.Locks;

public class PyLockWriterTests
{
    private static readonly string Sha = LockSamples.Hex("x");

    [Fact]
    public void WritesThePepLayout()
    {
        var lockFile = new PyLock
        {
            Environments = [Marker.Parse("sys_platform == 'linux'")],
            RequiresPython = SpecifierSet.Parse(">=3.10"),
            Extras = [],
            DependencyGroups = [],
            CreatedBy = "someone-else",
            Packages =
            [
                new LockedPackage
                {
                    Name = PackageName.Parse("zeta"),
                    Version = Pep440Version.Parse("1.0"),
                    Sdist = new LockedSdist { Name = "zeta-1.0.tar.gz", Url = "https://files.example.org/zeta-1.0.tar.gz", Hashes = FileHashes.Sha256Hex(Sha) },
                },
                new LockedPackage
                {
                    Name = PackageName.Parse("alpha"),
                    Version = Pep440Version.Parse("2.0"),
                    Marker = Marker.Parse("python_version >= '3.11'"),
                    Dependencies = [new TomlTable { ["name"] = "zeta" }],
                    Wheels =
                    [
                        new LockedWheel { Name = WheelFileName.Parse("alpha-2.0-py3-none-any.whl"), Path = "wheels/alpha-2.0-py3-none-any.whl", Size = 12, Hashes = FileHashes.Sha256Hex(Sha) },
                        new LockedWheel
                        {
                            Name = WheelFileName.Parse("alpha-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
                            UploadTime = new DateTimeOffset(2025, 1, 25, 11, 30, 10, TimeSpan.Zero).AddTicks(1649850),
                            Url = "https://files.example.org/alpha-2.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                            Hashes = FileHashes.Sha256Hex(Sha),
                        },
                    ],
                },
            ],
            Tool = new TomlTable { ["envtool"] = new TomlTable { ["command"] = new TomlArray { "lock", "alpha" } } },
        };

        Assert.Equal($$$"""
            lock-version = "1.0"
            environments = ['sys_platform == "linux"']
            requires-python = ">=3.10"
            extras = []
            dependency-groups = []
            created-by = "envtool"

            [[packages]]
            name = "alpha"
            version = "2.0"
            marker = 'python_version >= "3.11"'
            dependencies = [
                {name = "zeta"},
            ]

            [[packages.wheels]]
            name = "alpha-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"
            upload-time = 2025-01-25T11:30:10.164985Z
            url = "https://files.example.org/alpha-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"
            hashes = {sha256 = "{{{Sha}}}"}

            [[packages.wheels]]
            name = "alpha-2.0-py3-none-any.whl"
            path = "wheels/alpha-2.0-py3-none-any.whl"
            size = 12
            hashes = {sha256 = "{{{Sha}}}"}

            [[packages]]
            name = "zeta"
            version = "1.0"

            [packages.sdist]
            name = "zeta-1.0.tar.gz"
            url = "https://files.example.org/zeta-1.0.tar.gz"
            hashes = {sha256 = "{{{Sha}}}"}

            [tool.envtool]
            command = ["lock", "alpha"]

            """, PyLockWriter.Write(lockFile));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GeneratedLocksRoundTrip(int seed)
    {
        var generated = new LockGenerator(seed).Lock();

        var text = PyLockWriter.Write(generated);
        var read = PyLockReader.Parse(text, "pylock.toml");

        LockAssert.Same(InWriterOrder(generated), read);
        Assert.Empty(read.Warnings);
        Assert.Equal(text, PyLockWriter.Write(read));
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 200));

    [Fact]
    public void OutputDoesNotDependOnTheOrderOfPackagesWheelsOrHashes()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var generated = new LockGenerator(seed).Lock();
            var shuffled = generated with
            {
                Packages = generated.Packages.Reverse()
                    .Select(p => p with { Wheels = p.Wheels.Reverse().Select(w => w with { Hashes = FileHashes.Of(w.Hashes.All.Reverse()) }).ToList() })
                    .ToList(),
            };
            Assert.Equal(PyLockWriter.Write(generated), PyLockWriter.Write(shuffled));
        }
    }

    [Fact]
    public void ThePepExampleRewrittenHasTheSameContent()
    {
        var original = PyLockReader.Parse(LockSamples.PepExample, "pylock.toml");

        var text = PyLockWriter.Write(original);
        var rewritten = PyLockReader.Parse(text, "pylock.toml");

        LockAssert.Same(InWriterOrder(original), rewritten, compareCreatedBy: false);
        Assert.Equal("envtool", rewritten.CreatedBy);
        Assert.Contains("[tool.mousebender]\ncommand = [\".\", \"lock\", \"--platform\"", text);
        Assert.Contains("run-on = 2025-03-06T12:28:57.760769\n", text);
    }

    [Fact]
    public void EveryKindOfSourceRoundTrips()
    {
        var original = PyLockReader.Parse(LockSamples.EverySource, "pylock.toml");
        var rewritten = PyLockReader.Parse(PyLockWriter.Write(original), "pylock.toml");
        LockAssert.Same(InWriterOrder(original), rewritten, compareCreatedBy: false);
    }

    [Fact]
    public void StringsAreEscapedForToml()
    {
        var every = string.Concat(Enumerable.Range(0, 0x80).Select(c => (char)c)) + "é\u2028🐍";
        var lockFile = new PyLock
        {
            CreatedBy = PyLock.Creator,
            Packages = [],
            Tool = new TomlTable { ["x"] = new TomlTable { [every] = every, ["q"] = "say \"hi\"", ["both"] = "it's \"x\"" } },
        };

        var text = PyLockWriter.Write(lockFile);
        var read = PyLockReader.Parse(text, "pylock.toml");

        var x = Assert.IsType<TomlTable>(read.Tool!["x"]);
        Assert.Equal(every, x[every]);
        Assert.Contains("q = 'say \"hi\"'", text);
        Assert.Contains("both = \"it's \\\"x\\\"\"", text);
        Assert.Contains("packages = []", text);
    }

    [Fact]
    public void RefusesAPackageWithConflictingSources()
    {
        var lockFile = new PyLock
        {
            CreatedBy = PyLock.Creator,
            Packages =
            [
                new LockedPackage
                {
                    Name = PackageName.Parse("demo"),
                    Directory = new LockedDirectory { Path = "." },
                    Vcs = new LockedVcs { Type = "git", Url = "u", CommitId = "c" },
                },
            ],
        };
        var e = Assert.Throws<ArgumentException>(() => PyLockWriter.Write(lockFile));
        Assert.Contains("package demo: vcs and directory are mutually exclusive", e.Message);
    }

    [Fact]
    public void SaveReplacesTheFileAtomically()
    {
        using var dir = new TempDir();
        var path = dir.Sub("pylock.toml");
        File.WriteAllText(path, "old");
        var lockFile = PyLockReader.Parse(LockSamples.PepExample, "pylock.toml");

        PyLockWriter.Save(lockFile, path);

        Assert.Equal(PyLockWriter.Write(lockFile), File.ReadAllText(path));
        Assert.Equal(["pylock.toml"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    /// <summary>The order the writer puts things in: packages by name, version, marker; wheels by file name.</summary>
    private static PyLock InWriterOrder(PyLock lockFile) => lockFile with
    {
        Packages = lockFile.Packages
            .OrderBy(p => p.Name.Normalized, StringComparer.Ordinal)
            .ThenBy(p => p.Version?.ToString() is null ? 0 : 1)
            .ThenBy(p => p.Version)
            .ThenBy(p => p.Marker?.ToString() ?? "", StringComparer.Ordinal)
            .Select(p => p with { Wheels = p.Wheels.OrderBy(w => w.Name.FileName, StringComparer.Ordinal).ToList() })
            .ToList(),
    };
}
