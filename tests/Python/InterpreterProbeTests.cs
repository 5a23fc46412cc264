using EnvTool.Python;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Python;

public class InterpreterProbeTests
{
    [SkippableFact]
    public void EveryFieldMatchesWhatTheInterpreterSaysItself()
    {
        Skip.If(TestPythons.All.Count == 0, "no Python 3 interpreter on this machine");
        var mismatches = new List<string>();
        foreach (var python in TestPythons.All)
        {
            var info = InterpreterProbe.Probe(python);
            var facts = PythonFacts.Ask(python);
            void Same(string field, string? expected, string? actual)
            {
                if (expected != actual) mismatches.Add($"{python} {field}: expected '{expected}', probe said '{actual}'");
            }

            Same("Executable", python, info.Executable);
            Same("RealExecutable", facts.GetProperty("real_executable").GetString(), info.RealExecutable);
            Same("Implementation", facts.GetProperty("implementation").GetString(), info.Implementation);
            var version = facts.GetProperty("version").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Same("Version", string.Join('.', version), $"{info.Major}.{info.Minor}.{info.Micro}");
            Same("FullVersion", facts.GetProperty("full_version").GetString(), info.FullVersion);
            Same("CacheTag", facts.GetProperty("cache_tag").GetString(), info.CacheTag);
            Same("MagicNumberHex", facts.GetProperty("magic").GetString(), info.MagicNumberHex);
            foreach (var marker in facts.GetProperty("markers").EnumerateObject())
                Same("marker " + marker.Name, marker.Value.GetString(), info.Markers.Get(marker.Name));
            foreach (var var in facts.GetProperty("config_vars").EnumerateObject())
                Same("config var " + var.Name, var.Value.GetString(), info.ConfigVars.TryGetValue(var.Name, out var v) ? v : "<missing>");
            Same("SysconfigPlatform", facts.GetProperty("platform").GetString(), info.SysconfigPlatform);
            Same("PointerBits", facts.GetProperty("pointer_bits").GetInt32().ToString(), info.PointerBits.ToString());
            Same("HasTotalRefCount", facts.GetProperty("total_refcount").GetBoolean().ToString(), info.HasTotalRefCount.ToString());
            Same("GlibcVersion", facts.GetProperty("glibc").GetString(), info.GlibcVersion);
            Same("BasePrefix", facts.GetProperty("base_prefix").GetString(), info.BasePrefix);
            Same("Prefix", facts.GetProperty("prefix").GetString(), info.Prefix);
            Same("Home", Path.GetDirectoryName(python), info.Home);
            if (info.GlibcVersion is not null) Same("MuslVersion", null, info.MuslVersion);
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [SkippableFact]
    public void VenvLayoutIsWhatPythonMinusMVenvCreates()
    {
        Skip.If(TestPythons.All.Count == 0, "no Python 3 interpreter on this machine");
        using var temp = new TempDir();
        var checkedCount = 0;
        foreach (var python in TestPythons.All)
        {
            var info = InterpreterProbe.Probe(python);
            var venv = temp.Sub($"venv-{checkedCount++}");
            PythonFacts.Run(python, ["-m", "venv", "--without-pip", venv]);

            Assert.True(Directory.Exists(Path.Combine(venv, info.SitePackagesRelative)), $"{python}: no {info.SitePackagesRelative}");
            Assert.True(Directory.Exists(Path.Combine(venv, info.IncludeRelative)), $"{python}: no {info.IncludeRelative}");
            Assert.True(File.Exists(Path.Combine(venv, info.ScriptsRelative, "python")), $"{python}: no {info.ScriptsRelative}/python");
            var sitePackages = PythonFacts.Run(Path.Combine(venv, "bin", "python"), ["-c", "import site; print('\\n'.join(site.getsitepackages()))"]);
            Assert.Contains(Path.Combine(venv, info.SitePackagesRelative), sitePackages.Split('\n', StringSplitOptions.TrimEntries));
            var home = File.ReadAllLines(Path.Combine(venv, "pyvenv.cfg")).Single(l => l.StartsWith("home", StringComparison.Ordinal));
            Assert.Equal(info.Home, home.Split('=', 2)[1].Trim());

            // Asked from inside the venv, the interpreter reports the venv, and still the base's home.
            var inVenv = InterpreterProbe.Probe(Path.Combine(venv, "bin", "python"));
            Assert.True(inVenv.IsVirtualEnv);
            Assert.Equal(venv, inVenv.Prefix);
            Assert.Equal(info.BasePrefix, inVenv.BasePrefix);
            Assert.Equal(info.Home, inVenv.Home);
        }
    }

    [SkippableFact]
    public void ImplementationVersionFormatsLikePackaging()
    {
        // The embedded formatter must add releaselevel[0] + serial for non-final versions, as packaging does.
        var python = TestPythons.RequireDefault();
        var output = PythonFacts.Run(python, ["-c", ExtractFunction("format_full_version") + """

import collections
V = collections.namedtuple('V', 'major minor micro releaselevel serial')
from pip._vendor.packaging.markers import format_full_version as reference
for v in [V(3, 13, 0, 'candidate', 1), V(3, 14, 0, 'alpha', 2), V(3, 12, 0, 'beta', 4), V(3, 11, 7, 'final', 0)]:
    print(format_full_version(v), reference(v))
"""]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("3.13.0c1 3.13.0c1", lines[0]);
        Assert.All(lines, l => Assert.Equal(l.Split(' ')[1], l.Split(' ')[0]));
    }

    [Fact]
    public void DigestIsTheDigestOfTheScript()
    {
        // Written out in the source so that no start pays for hashing the script: edit it with the script.
        var actual = EnvTool.Store.Objects.NameDigest.Hex(InterpreterProbeScript.Source)[..16];
        Assert.True(actual == InterpreterProbeScript.Digest,
            $"InterpreterProbeScript.Digest is {InterpreterProbeScript.Digest} but the script's digest is {actual}: set it to {actual}");
    }

    private static string ExtractFunction(string name)
    {
        var source = InterpreterProbeScript.Source;
        var start = source.IndexOf($"def {name}(", StringComparison.Ordinal);
        var end = source.IndexOf("\n\n", start, StringComparison.Ordinal);
        return source[start..end];
    }

    [SkippableFact]
    public void Python2IsRefusedByName()
    {
        var python2 = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv/versions/2.7.18/bin/python");
        Skip.If(!File.Exists(python2), "pyenv Python 2.7.18 is not installed");
        var e = Assert.Throws<UnsupportedInterpreterException>(() => InterpreterProbe.Probe(python2));
        Assert.Equal("2.7.18", e.Version);
        Assert.Contains(python2, e.Message);
        Assert.Contains("Python 2.7.18", e.Message);
        Assert.Contains("3.6 or newer", e.Message);
        Assert.NotNull(e.Hint);
    }

    [Fact]
    public void AProgramThatIsNotPythonIsRefused()
    {
        var e = Assert.Throws<InterpreterProbeException>(() => InterpreterProbe.Probe("/bin/true"));
        Assert.Contains("'/bin/true'", e.Message);
        Assert.Contains("did not answer like a Python interpreter", e.Message);
    }

    [Fact]
    public void ACrashIsReportedWithItsExitCodeAndLastErrorLine()
    {
        using var temp = new TempDir();
        var fake = PythonFacts.WriteScript(temp.Sub("python3"), "echo 'Fatal Python error: init_fs_encoding' >&2\nexit 3\n");
        var e = Assert.Throws<InterpreterProbeException>(() => InterpreterProbe.Probe(fake));
        Assert.Contains(fake, e.Message);
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("Fatal Python error: init_fs_encoding", e.Message);
    }

    [Fact]
    public void MissingNotExecutableAndDirectoryPathsAreRefused()
    {
        using var temp = new TempDir();
        Assert.Contains("no such file", Assert.Throws<InterpreterProbeException>(() => InterpreterProbe.Probe(temp.Sub("nope"))).Message);
        Assert.Contains("it is a directory", Assert.Throws<InterpreterProbeException>(() => InterpreterProbe.Probe(temp.Path)).Message);
        var plain = temp.Sub("python3");
        File.WriteAllText(plain, "not a program");
        var e = Assert.Throws<InterpreterProbeException>(() => InterpreterProbe.Probe(plain));
        Assert.Contains(plain, e.Message);
    }

    [SkippableFact]
    public void StartupOutputBeforeTheAnswerIsIgnored()
    {
        // A sitecustomize-like hook that prints: a wrapper that talks first, then runs the real interpreter.
        var python = TestPythons.RequireDefault();
        using var temp = new TempDir();
        var noisy = PythonFacts.WriteScript(temp.Sub("python3"), $"echo 'welcome {{not json'\nexec '{python}' \"$@\"\n");
        var info = InterpreterProbe.Probe(noisy);
        Assert.Equal(noisy, info.Executable);
        Assert.Equal(RealPathOf(python), info.RealExecutable);
    }

    [SkippableFact]
    public void TheElfLoaderOfAGlibcPythonIsNotMusl()
    {
        var python = TestPythons.RequireDefault();
        var loader = ElfProgramInterpreter.Read(RealPathOf(python));
        Assert.NotNull(loader);
        Assert.Contains("ld-linux", loader);
        Assert.Null(MuslVersion.Detect(RealPathOf(python)));
        Assert.Null(ElfProgramInterpreter.Read("/etc/hostname"));
    }

    [Fact]
    public void MuslLoaderBannerIsParsed()
    {
        Assert.Equal("1.2.4", MuslVersion.ParseLoaderBanner("musl libc (x86_64)\nVersion 1.2.4\nDynamic Program Loader\nUsage: ...\n"));
        Assert.Null(MuslVersion.ParseLoaderBanner("glibc something\nVersion 2.36\n"));
        Assert.Null(MuslVersion.ParseLoaderBanner("musl libc (x86_64)\n"));
    }

    internal static string RealPathOf(string path) =>
        PythonFacts.Run("realpath", [path]).Trim();
}
