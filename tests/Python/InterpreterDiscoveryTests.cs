using EnvTool.Python;
using EnvTool.Store.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Python;

/// <summary>One cache for the class: each interpreter on the machine is probed once.</summary>
public sealed class DiscoveryCacheFixture : IDisposable
{
    private readonly TempDir _temp = new("envtool-discovery-cache");
    public InterpreterCache Cache => new(_temp.Path);
    public void Dispose() => _temp.Dispose();
}

public class InterpreterDiscoveryTests(DiscoveryCacheFixture fixture) : IClassFixture<DiscoveryCacheFixture>
{
    private static readonly string PyenvRoot =
        Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } r ? r
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    /// <summary>This machine as it is, but starting in <paramref name="cwd"/> and without PYENV_VERSION/VIRTUAL_ENV from the test runner.</summary>
    private InterpreterDiscovery Machine(string? cwd = null) => new(fixture.Cache, DiscoveryEnvironment.FromProcess() with
    {
        WorkingDirectory = cwd ?? Path.GetTempPath(),
        PyenvVersion = null,
        VirtualEnv = null,
    });

    /// <summary>Only what the test names: no pyenv, no system directories.</summary>
    private InterpreterDiscovery Isolated(TempDir temp, IReadOnlyList<string> searchPath, string? cwd = null,
        string? pyenvRoot = null, string? pyenvVersion = null, string? virtualEnv = null, IReadOnlyList<string>? system = null) =>
        new(fixture.Cache, new DiscoveryEnvironment
        {
            WorkingDirectory = cwd ?? temp.Path,
            SearchPath = searchPath,
            PyenvRoot = pyenvRoot ?? temp.Sub("no-pyenv"),
            PyenvVersion = pyenvVersion,
            VirtualEnv = virtualEnv,
            SystemDirectories = system ?? [],
        });

    private static string Real(string path) => InterpreterProbeTests.RealPathOf(path);

    [SkippableFact]
    public void FindsPyenv310And311AndDebian311()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p311 = PythonFacts.RequirePyenv("3.11");
        PythonFacts.RequireDebian();
        var found = Machine().FindAll().Found;
        var reals = found.Select(f => f.Info.RealExecutable).ToList();
        Assert.Contains(Real(p310), reals);
        Assert.Contains(Real(p311), reals);
        Assert.Contains(Real(PythonFacts.DebianPython), reals);
        Assert.Contains(found, f => f.Info.RealExecutable == Real(p310) && f.Info is { Major: 3, Minor: 10, Implementation: "cpython" });
        Assert.Equal(reals.Count, reals.Distinct().Count());
    }

    [SkippableTheory]
    [InlineData("3.10")]
    [InlineData("cp310")]
    [InlineData("cpython@3.10")]
    [InlineData("cpython3.10")]
    [InlineData(">=3.10,<3.11")]
    public void FindTheOnly310(string request)
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var info = Machine().Find(InterpreterRequest.Parse(request));
        Assert.Equal(Real(p310), info.RealExecutable);
        Assert.Equal(p310, info.Executable);
    }

    [SkippableFact]
    public void TheNewestMatchWins()
    {
        var p311 = PythonFacts.RequirePyenv("3.11");
        PythonFacts.RequireDebian();
        var discovery = Machine();
        var pyenv = discovery.Find(InterpreterRequest.Parse(p311));
        var debian = discovery.Find(InterpreterRequest.Parse(PythonFacts.DebianPython));
        Skip.If(pyenv.Micro == debian.Micro, "pyenv's and Debian's 3.11 are the same release");
        var newer = pyenv.Micro > debian.Micro ? pyenv : debian;
        Assert.Equal(newer.RealExecutable, discovery.Find(InterpreterRequest.Parse("3.11")).RealExecutable);
        // An exact version picks that one even when it is the older.
        var older = newer == pyenv ? debian : pyenv;
        Assert.Equal(older.RealExecutable, discovery.Find(InterpreterRequest.Parse(older.FullVersion)).RealExecutable);
        var newest = discovery.FindAll().Found.Max(f => (f.Info.Major, f.Info.Minor, f.Info.Micro));
        var three = discovery.Find(InterpreterRequest.Parse("3"));
        Assert.Equal(newest, (three.Major, three.Minor, three.Micro));
    }

    [SkippableFact]
    public void AMissingVersionNamesTheRequestAndWhatWasFound()
    {
        var p311 = PythonFacts.RequirePyenv("3.11");
        var e = Assert.Throws<InterpreterNotFoundException>(() => Machine().Find(InterpreterRequest.Parse("3.99")));
        Assert.Contains("'3.99'", e.Message);
        Assert.Contains(p311, e.Message);
        Assert.Contains("pyenv install 3.99", e.Hint);
        Assert.Contains("--python PATH", e.Hint);
        Assert.NotEmpty(e.Found);
        Assert.IsAssignableFrom<EnvToolException>(e);
    }

    [Fact]
    public void NothingAnywhereIsNotFound()
    {
        using var temp = new TempDir();
        var e = Assert.Throws<InterpreterNotFoundException>(() => Isolated(temp, []).Find(InterpreterRequest.Any));
        Assert.Contains("nothing on PATH, in pyenv's versions or in the system directories is a usable Python", e.Message);
    }

    [SkippableFact]
    public void PythonVersionFileInAParentIsHonoured()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p311 = PythonFacts.RequirePyenv("3.11");
        using var temp = new TempDir();
        var project = temp.Sub("project");
        var deep = Path.Combine(project, "src", "pkg");
        Directory.CreateDirectory(deep);
        string[] path = [Path.GetDirectoryName(p311)!, Path.GetDirectoryName(p310)!];

        Assert.Equal(Real(p311), Isolated(temp, path, cwd: deep).Find(InterpreterRequest.Any).RealExecutable);
        File.WriteAllText(Path.Combine(project, ".python-version"), "# pinned for this project\n\n  3.10  \n3.11\n");
        Assert.Equal(Real(p310), Isolated(temp, path, cwd: deep).Find(InterpreterRequest.Any).RealExecutable);
        // An explicit request outranks the file.
        Assert.Equal(Real(p311), Isolated(temp, path, cwd: deep).Find(InterpreterRequest.Parse("3.11")).RealExecutable);
    }

    [Fact]
    public void ABadPythonVersionFileNamesItself()
    {
        using var temp = new TempDir();
        var file = temp.Sub(".python-version");
        File.WriteAllText(file, "3.x\n");
        var e = Assert.Throws<EnvToolException>(() => Isolated(temp, []).Find(InterpreterRequest.Any));
        Assert.Contains("invalid Python request '3.x'", e.Message);
        Assert.Contains(file, e.Message);

        File.WriteAllText(file, "# nothing\n\n");
        e = Assert.Throws<EnvToolException>(() => Isolated(temp, []).Find(InterpreterRequest.Any));
        Assert.Contains("names no Python version", e.Message);
    }

    [SkippableFact]
    public void PathRequestsTakeFilesVenvDirectoriesAndRelativePaths()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        using var temp = new TempDir();
        var venv = temp.Sub("venv");
        PythonFacts.Run(p310, ["-m", "venv", "--without-pip", venv]);
        var discovery = Isolated(temp, []);

        var byDirectory = discovery.Find(InterpreterRequest.Parse(venv));
        Assert.Equal(Path.Combine(venv, "bin", "python3"), byDirectory.Executable);
        Assert.True(byDirectory.IsVirtualEnv);
        Assert.Equal(venv, byDirectory.Prefix);

        var relative = discovery.Find(InterpreterRequest.Parse("./venv/bin/python"));
        Assert.Equal(Path.Combine(venv, "bin", "python"), relative.Executable);

        Directory.CreateDirectory(temp.Sub("empty"));
        var e = Assert.Throws<InterpreterNotFoundException>(() => discovery.Find(InterpreterRequest.Parse("./empty")));
        Assert.Contains("holds none of bin/python3", e.Message);
        Assert.DoesNotContain("found", e.Message.Split(':').Last());
        Assert.Throws<InterpreterProbeException>(() => discovery.Find(InterpreterRequest.Parse("./missing/python3")));
    }

    [SkippableFact]
    public void ExecutableNamesAreLookedUpOnPathInOrder()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p311 = PythonFacts.RequirePyenv("3.11");
        using var temp = new TempDir();
        Directory.CreateDirectory(temp.Sub("a"));
        Directory.CreateDirectory(temp.Sub("b"));
        File.CreateSymbolicLink(temp.Sub("a", "python-custom"), p310);
        File.CreateSymbolicLink(temp.Sub("b", "python-custom"), p311);
        var discovery = Isolated(temp, [temp.Sub("a"), temp.Sub("b")]);
        var info = discovery.Find(InterpreterRequest.Parse("python-custom"));
        Assert.Equal(temp.Sub("a", "python-custom"), info.Executable);
        Assert.Equal(Real(p310), info.RealExecutable);

        var e = Assert.Throws<InterpreterNotFoundException>(() => discovery.Find(InterpreterRequest.Parse("python3.99")));
        Assert.Contains("no 'python3.99' on PATH", e.Message);
    }

    [SkippableFact]
    public void PyenvShimsAreFollowedToTheSelectedVersion()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p312 = PythonFacts.RequirePyenv("3.12");
        var shims = Path.Combine(PyenvRoot, "shims");
        Skip.If(!File.Exists(Path.Combine(shims, "python3")), "no pyenv shims");
        Assert.True(PyenvShim.IsShim(Path.Combine(shims, "python3")));
        Assert.False(PyenvShim.IsShim(p310));
        using var temp = new TempDir();
        var version310 = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p310)))!;

        // PYENV_VERSION, exact or as a prefix.
        foreach (var selected in new[] { version310, "3.10" })
        {
            var first = Isolated(temp, [shims], pyenvRoot: PyenvRoot, pyenvVersion: selected).FindAll().Found.First();
            Assert.Equal(InterpreterSource.SearchPath, first.Source);
            Assert.Equal(Real(p310), first.Info.RealExecutable);
            Assert.StartsWith(Path.Combine(PyenvRoot, "versions"), first.Info.Executable);
        }

        // A shim named by path is followed too: it stands for whatever pyenv selects now.
        var byPath = Isolated(temp, [], pyenvRoot: PyenvRoot, pyenvVersion: "3.10").Find(InterpreterRequest.Parse(Path.Combine(shims, "python3")));
        Assert.Equal(Real(p310), byPath.RealExecutable);
        Assert.Throws<InterpreterNotFoundException>(() =>
            Isolated(temp, [], pyenvRoot: PyenvRoot, pyenvVersion: "3.99").Find(InterpreterRequest.Parse(Path.Combine(shims, "python3"))));

        // A name whose only shim selects a version without it says so.
        var e = Assert.Throws<InterpreterNotFoundException>(() =>
            Isolated(temp, [shims], pyenvRoot: PyenvRoot, pyenvVersion: version310).Find(InterpreterRequest.Parse("python3.12")));
        Assert.Contains("is the pyenv shim", e.Message);

        // Without PYENV_VERSION, the nearest .python-version decides, as it does for pyenv.
        File.WriteAllText(temp.Sub(".python-version"), "3.12\n");
        var local = Isolated(temp, [shims], pyenvRoot: PyenvRoot).FindAll().Found.First();
        Assert.Equal(Real(p312), local.Info.RealExecutable);
    }

    [SkippableFact]
    public void APyenvShimSelectingSystemDefersToTheRestOfPath()
    {
        PythonFacts.RequireDebian();
        var shims = Path.Combine(PyenvRoot, "shims");
        Skip.If(!File.Exists(Path.Combine(shims, "python3")), "no pyenv shims");
        using var temp = new TempDir();
        var found = Isolated(temp, [shims, "/usr/bin"], pyenvRoot: PyenvRoot, pyenvVersion: "system").FindAll().Found;
        Assert.Equal("/usr/bin/python3", found.First().Info.Executable);
        Assert.DoesNotContain(found, f => f.Info.Executable.StartsWith(shims, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void TheActiveVenvsBaseInterpreterComesFirst()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        var p311 = PythonFacts.RequirePyenv("3.11");
        using var temp = new TempDir();
        var venv = temp.Sub("venv");
        PythonFacts.Run(p310, ["-m", "venv", "--without-pip", venv]);
        var discovery = Isolated(temp, [Path.GetDirectoryName(p311)!], virtualEnv: venv);
        var first = discovery.FindAll().Found.First();
        Assert.Equal(InterpreterSource.VirtualEnvBase, first.Source);
        Assert.Equal(Real(p310), first.Info.RealExecutable);
        Assert.False(first.Info.IsVirtualEnv);
        Assert.Equal(Real(p310), discovery.Find(InterpreterRequest.Any).RealExecutable);
    }

    [SkippableFact]
    public void BrokenAndTooOldCandidatesAreSkippedWithAReason()
    {
        var p310 = PythonFacts.RequirePyenv("3.10");
        using var temp = new TempDir();
        var bin = temp.Sub("bin");
        Directory.CreateDirectory(bin);
        var broken = PythonFacts.WriteScript(Path.Combine(bin, "python3"), "exit 1\n");
        File.CreateSymbolicLink(Path.Combine(bin, "python3.10"), p310);
        var python2 = Path.Combine(PyenvRoot, "versions", "2.7.18", "bin", "python2.7");
        if (File.Exists(python2)) File.CreateSymbolicLink(Path.Combine(bin, "python"), python2);

        var result = Isolated(temp, [bin]).FindAll();
        Assert.Equal([Real(p310)], result.Found.Select(f => f.Info.RealExecutable));
        Assert.Contains(result.Skipped, s => s.Path == broken && s.Reason.Contains("exited with code 1"));
        if (File.Exists(python2))
            Assert.Contains(result.Skipped, s => s.Path == Path.Combine(bin, "python") && s.Reason.Contains("Python 2.7"));
    }

    [SkippableFact]
    public void PyenvInstallationsAndSystemDirectoriesAreSearched()
    {
        var p313 = PythonFacts.RequirePyenv("3.13");
        PythonFacts.RequireDebian();
        using var temp = new TempDir();
        var found = Isolated(temp, [], pyenvRoot: PyenvRoot, system: ["/usr/bin"]).FindAll().Found;
        Assert.Contains(found, f => f.Source == InterpreterSource.Pyenv && f.Info.RealExecutable == Real(p313));
        Assert.Contains(found, f => f.Source == InterpreterSource.System && f.Info.RealExecutable == Real(PythonFacts.DebianPython));
        // pyenv's come newest first, before the system's.
        var pyenv = found.TakeWhile(f => f.Source == InterpreterSource.Pyenv).Select(f => (f.Info.Major, f.Info.Minor)).ToList();
        Assert.Equal(pyenv.OrderByDescending(v => v).ToList(), pyenv);
        Assert.Equal(InterpreterSource.System, found[^1].Source);
    }
}
