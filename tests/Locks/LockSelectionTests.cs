using EnvTool.Python;
using EnvTool.Standards.Locks;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using EnvTool.Tests.Support;
using EnvTool.Tests.Tags;

namespace EnvTool.Tests.Locks;

public class LockSelectionTests
{
    private static Dictionary<string, string?> Config(int minor) => new()
    {
        ["Py_DEBUG"] = "0",
        ["WITH_PYMALLOC"] = "1",
        ["py_version_nodot"] = $"3{minor}",
        ["EXT_SUFFIX"] = $".cpython-3{minor}-x86_64-linux-gnu.so",
    };

    private static LockTarget Linux(int minor = 12) =>
        LockTarget.For(SyntheticInterpreter.Info("cpython", 3, minor, Config(minor), false));

    private static LockTarget Windows() => LockTarget.For(Retarget(
        SyntheticInterpreter.Info("cpython", 3, 12, Config(12), false, platform: "win-amd64", system: "Windows", glibc: null), "win32", "nt"));

    private static LockTarget Mac() => LockTarget.For(Retarget(
        SyntheticInterpreter.Info("cpython", 3, 12, Config(12), false, platform: "macosx-11.0-x86_64", system: "Darwin", glibc: null, mac: "14.2"), "darwin", "posix"));

    private static InterpreterInfo Retarget(InterpreterInfo info, string sysPlatform, string osName) =>
        info with { Markers = info.Markers with { SysPlatform = sysPlatform, OsName = osName } };

    private static PyLock Example => PyLockReader.Parse(LockSamples.PepExample, "pylock.toml");

    private static string Chosen(IReadOnlyList<SelectedWheel> selection) =>
        string.Join(" ", selection.Select(s => s.Wheel.Name.FileName));

    [Fact]
    public void PicksTheLinuxWheelsOfThePepExample()
    {
        var selection = LockSelection.Select(Example, Linux());

        Assert.Equal("attrs-25.1.0-py3-none-any.whl cattrs-24.1.2-py3-none-any.whl numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", Chosen(selection));
        var numpy = selection[2];
        Assert.Equal("numpy", numpy.Package.Name.Normalized);
        Assert.Equal(LockSamples.Hex("numpy-linux"), numpy.Wheel.Hashes.Sha256!.DigestHex);
        Assert.Equal(16116679, numpy.Wheel.Size);
    }

    [Fact]
    public void PicksTheWindowsWheelOnWindows()
    {
        Assert.EndsWith("numpy-2.2.3-cp312-cp312-win_amd64.whl", Chosen(LockSelection.Select(Example, Windows())));
    }

    [Fact]
    public void RefusesATargetOutsideTheLocksEnvironments()
    {
        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(Example, Mac()));
        Assert.Equal("pylock.toml supports only the environments 'sys_platform == \"win32\"' | 'sys_platform == \"linux\"'; none holds for cpython 3.12.0 (macosx-11.0-x86_64)", e.Message);
    }

    [Fact]
    public void RefusesAPythonOutsideTheLocksRequiresPython()
    {
        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(Example, Linux(minor: 11)));
        Assert.Equal("pylock.toml requires Python ==3.12.*, but the target is cpython 3.11.0 (linux-x86_64) (Python 3.11.0)", e.Message);
    }

    [Fact]
    public void AnUntaggedBuildsVersionMeetsRequiresPython()
    {
        var untagged = Linux() with { Markers = Linux().Markers with { PythonFullVersion = "3.12.0+" } };
        Assert.Equal(3, LockSelection.Select(Example, untagged).Count);
    }

    [Fact]
    public void NamesThePackageItsWheelsAndTheTargetWhenNoWheelFits()
    {
        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(Example with { Environments = null }, Mac()));

        Assert.Equal("pylock.toml: no wheel of numpy==2.2.3 fits cpython 3.12.0 (macosx-11.0-x86_64); the lock has "
            + "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, numpy-2.2.3-cp312-cp312-win_amd64.whl", e.Message);
        Assert.StartsWith("the target accepts cp312-cp312-macosx_14_0_x86_64, ", e.Hint);
    }

    [Fact]
    public void SkipsPackagesWhoseMarkerDoesNotHoldAndRefusesOverlaps()
    {
        var linuxOnly = Package("demo", "1.0", "sys_platform == 'linux'");
        var windowsOnly = Package("demo", "2.0", "sys_platform == 'win32'");
        var lockFile = Lock(linuxOnly, windowsOnly);

        Assert.Equal("demo-1.0-py3-none-any.whl", Chosen(LockSelection.Select(lockFile, Linux())));
        Assert.Equal("demo-2.0-py3-none-any.whl", Chosen(LockSelection.Select(lockFile, Windows())));
        Assert.Empty(LockSelection.Select(lockFile, Mac()));

        var overlapping = Lock(linuxOnly, Package("demo", "2.0", "python_version >= '3.8'"));
        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(overlapping, Linux()));
        Assert.Equal("test.toml: two entries for 'demo' apply to cpython 3.12.0 (linux-x86_64) (demo==1.0 with marker 'sys_platform == \"linux\"' and demo==2.0 with marker 'python_version >= \"3.8\"')", e.Message);
    }

    [Fact]
    public void ChecksEachPackagesRequiresPython()
    {
        var lockFile = Lock(Package("demo", "1.0") with { RequiresPython = SpecifierSet.Parse(">=3.13") });
        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(lockFile, Linux()));
        Assert.Equal("test.toml: demo==1.0 requires Python >=3.13, but the target is cpython 3.12.0 (linux-x86_64) (Python 3.12.0)", e.Message);
    }

    [Fact]
    public void DependencyGroupsDefaultToTheLocksDefaultGroups()
    {
        var lockFile = Lock(
            Package("base", "1.0", "'default' in dependency_groups"),
            Package("tests", "1.0", "'dev' in dependency_groups"),
            Package("crypto", "1.0", "'crypto' in extras")) with
        {
            Extras = ["crypto"],
            DependencyGroups = ["dev"],
            DefaultGroups = ["default"],
        };

        Assert.Equal("base-1.0-py3-none-any.whl", Chosen(LockSelection.Select(lockFile, Linux())));
        Assert.Equal("tests-1.0-py3-none-any.whl", Chosen(LockSelection.Select(lockFile, Linux() with { DependencyGroups = new HashSet<string> { "Dev" } })));
        Assert.Equal("base-1.0-py3-none-any.whl crypto-1.0-py3-none-any.whl",
            Chosen(LockSelection.Select(lockFile, Linux() with { Extras = new HashSet<string> { "crypto" } })));

        var group = Assert.Throws<LockSelectionException>(() => LockSelection.Select(lockFile, Linux() with { DependencyGroups = new HashSet<string> { "docs" } }));
        Assert.Equal("test.toml has no dependency group 'docs' (it has: default, dev)", group.Message);
        var extra = Assert.Throws<LockSelectionException>(() => LockSelection.Select(lockFile with { Extras = null }, Linux() with { Extras = new HashSet<string> { "crypto" } }));
        Assert.Equal("test.toml has no extra 'crypto' (its extras list is empty or absent)", extra.Message);
    }

    [Fact]
    public void SaysWhyAPackageWithoutWheelsCannotBeInstalled()
    {
        var lockFile = PyLockReader.Parse(LockSamples.EverySource, "pylock.toml");

        var e = Assert.Throws<LockSelectionException>(() => LockSelection.Select(lockFile, Linux()));

        Assert.Equal("pylock.toml: cannot install from-sdist==2.0: it has only a source distribution (from_sdist-2.0.tar.gz), which would have to be built; envtool installs wheels only", e.Message);
        var onlyWheels = lockFile with { Packages = lockFile.Packages.Where(p => p.Name.Normalized is "local-wheel" or "from-git").ToList() };
        Assert.Equal("local_wheel-1.0-py3-none-any.whl", Chosen(LockSelection.Select(onlyWheels, Linux())));
        var git = Assert.Throws<LockSelectionException>(() => LockSelection.Select(onlyWheels, Linux() with { DependencyGroups = new HashSet<string> { "dev" } }));
        Assert.Contains("cannot install from-git==3.0: it is locked as a git checkout", git.Message);
    }

    [Fact]
    public void PrefersTheMostSpecificTagThenTheHigherBuildTag()
    {
        var lockFile = Lock(Package("demo", "1.0") with
        {
            Wheels = Wheels("demo-1.0-py3-none-any.whl", "demo-1.0-cp312-abi3-manylinux_2_17_x86_64.whl", "demo-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", "demo-1.0-cp313-cp313-manylinux_2_28_x86_64.whl"),
        });
        Assert.Equal("demo-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", Chosen(LockSelection.Select(lockFile, Linux())));

        var builds = Lock(Package("demo", "1.0") with { Wheels = Wheels("demo-1.0-py3-none-any.whl", "demo-1.0-2-py3-none-any.whl", "demo-1.0-10-py3-none-any.whl") });
        Assert.Equal("demo-1.0-10-py3-none-any.whl", Chosen(LockSelection.Select(builds, Linux())));
    }

    [Fact]
    public void LockMarkersSeeTheRequestedSets()
    {
        var environment = Linux().Markers;
        var dev = new HashSet<string> { "Dev_Tools" };
        var none = new HashSet<string>();

        Assert.True(Marker.Parse("'dev-tools' in dependency_groups").EvaluateInLock(environment, none, dev));
        Assert.False(Marker.Parse("'dev-tools' not in dependency_groups").EvaluateInLock(environment, none, dev));
        Assert.True(Marker.Parse("'Dev.Tools' in extras and sys_platform == 'linux'").EvaluateInLock(environment, dev, none));
        Assert.False(Marker.Parse("'docs' in extras").EvaluateInLock(environment, dev, none));
        var e = Assert.Throws<MarkerEvaluationException>(() => Marker.Parse("extras == 'x'").EvaluateInLock(environment, none, none));
        Assert.Contains("only '\"name\" in extras' and 'not in' are defined", e.Message);
        // Outside a lock file the sets do not exist.
        Assert.Throws<MarkerEvaluationException>(() => Marker.Parse("'x' in extras").Evaluate(environment));
    }

    [SkippableFact]
    public void SelectsForARealInterpreter()
    {
        var python = TestPythons.Default;
        Skip.If(python is null, "no Python interpreter on this machine");
        var target = LockTarget.For(InterpreterProbe.Probe(python));
        var lockFile = Lock(Package("demo", "1.0") with { Wheels = Wheels("demo-1.0-py3-none-any.whl", "demo-1.0-py2-none-any.whl", "demo-1.0-cp27-cp27m-win32.whl") });

        Assert.Equal("demo-1.0-py3-none-any.whl", Chosen(LockSelection.Select(lockFile, target)));
    }

    private static PyLock Lock(params LockedPackage[] packages) =>
        new() { CreatedBy = "test", Packages = packages, File = "test.toml" };

    private static LockedPackage Package(string name, string version, string? marker = null) => new()
    {
        Name = PackageName.Parse(name),
        Version = Pep440Version.Parse(version),
        Marker = marker is null ? null : Marker.Parse(marker),
        Wheels = Wheels($"{name}-{version}-py3-none-any.whl"),
    };

    private static IReadOnlyList<LockedWheel> Wheels(params string[] names) =>
        names.Select(n => new LockedWheel { Name = WheelFileName.Parse(n), Path = n, Hashes = FileHashes.Sha256Hex(LockSamples.Hex(n)) }).ToList();
}
