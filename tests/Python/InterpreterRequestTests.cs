using EnvTool.Python;
using EnvTool.Standards;

namespace EnvTool.Tests.Python;

public class InterpreterRequestTests
{
    [Theory]
    [InlineData("3", null, "3")]
    [InlineData("3.11", null, "3.11")]
    [InlineData("3.11.7", null, "3.11.7")]
    [InlineData("3.13.0rc1", null, "3.13.0rc1")]
    [InlineData("3.14.0a2", null, "3.14.0a2")]
    [InlineData("cpython@3.11", "cpython", "3.11")]
    [InlineData("CPython@3.11", "cpython", "3.11")]
    [InlineData("cpython3.11", "cpython", "3.11")]
    [InlineData("cpython3", "cpython", "3")]
    [InlineData("cp311", "cpython", "3.11")]
    [InlineData("cp3", "cpython", "3")]
    [InlineData("pypy@3.10", "pypy", "3.10")]
    [InlineData("pypy3.10", "pypy", "3.10")]
    [InlineData("pp310", "pypy", "3.10")]
    [InlineData("graalpy@3.11", "graalpy", "3.11")]
    [InlineData("gp311", "graalpy", "3.11")]
    [InlineData("cpython", "cpython", null)]
    [InlineData("pypy", "pypy", null)]
    [InlineData(">=3.10", null, ">=3.10")]
    [InlineData(">=3.10,<3.12", null, "<3.12,>=3.10")]
    [InlineData("~=3.10", null, "~=3.10")]
    [InlineData("==3.11.*", null, "==3.11.*")]
    [InlineData("!=3.12", null, "!=3.12")]
    [InlineData("cpython@>=3.12", "cpython", ">=3.12")]
    public void VersionRequests(string text, string? implementation, string? version)
    {
        var request = InterpreterRequest.Parse(text);
        Assert.Equal(InterpreterRequestKind.Version, request.Kind);
        Assert.Equal(implementation, request.Implementation);
        Assert.Equal(version, request.Version?.ToString());
        Assert.Equal(text, request.Text);
    }

    [Theory]
    [InlineData("python", "python")]
    [InlineData("python3", "python3")]
    [InlineData("python3.11", "python3.11")]
    [InlineData("python3.13t", "python3.13t")]
    [InlineData("python3.11-dbg", "python3.11-dbg")]
    public void ExecutableNames(string text, string name)
    {
        var request = InterpreterRequest.Parse(text);
        Assert.Equal(InterpreterRequestKind.ExecutableName, request.Kind);
        Assert.Equal(name, request.ExecutableName);
    }

    [Theory]
    [InlineData("/usr/bin/python3", "/usr/bin/python3")]
    [InlineData("./venv", "./venv")]
    [InlineData("venv/bin/python", "venv/bin/python")]
    [InlineData(".venv/", ".venv/")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    public void Paths(string text, string path)
    {
        var request = InterpreterRequest.Parse(text);
        Assert.Equal(InterpreterRequestKind.Path, request.Kind);
        Assert.Equal(path, request.Path);
    }

    [Fact]
    public void TildeIsTheHomeDirectory()
    {
        var home = Environment.GetEnvironmentVariable("HOME")!;
        Assert.Equal(home + "/.pyenv/versions/3.11.7/bin/python3", InterpreterRequest.Parse("~/.pyenv/versions/3.11.7/bin/python3").Path);
        Assert.Equal(home, InterpreterRequest.Parse("~").Path);
    }

    [Theory]
    [InlineData("", 0, "it is empty")]
    [InlineData("   ", 0, "it is empty")]
    [InlineData("foo", 0, "unknown implementation or executable 'foo'")]
    [InlineData("jython@2.7", 0, "unknown implementation or executable 'jython'")]
    [InlineData("3.", 2, "expected a number")]
    [InlineData("3..1", 2, "expected a number, found '.'")]
    [InlineData("3.11.7.1", 6, "at most three numbers")]
    [InlineData("3.x", 2, "expected a number, found 'x'")]
    [InlineData("3.11rc1", 4, "unexpected 'r'")]
    [InlineData("3.13.0c1", 6, "expected a pre-release tag")]
    [InlineData("3.13.0rc", 8, "expected a number after 'rc'")]
    [InlineData("3.13.0rc1x", 9, "unexpected 'x'")]
    [InlineData("3 11", 1, "unexpected ' '")]
    [InlineData("cpython@", 8, "expected a version after 'cpython@'")]
    [InlineData("cpython@3.x", 10, "expected a number, found 'x'")]
    [InlineData("cpython-3.11", 7, "expected '@' or a version after 'cpython'")]
    [InlineData("cp", 2, "expected a version after 'cp'")]
    [InlineData("cp3.11", 3, "expected only digits after 'cp'")]
    [InlineData("cp311111", 2, "too long")]
    [InlineData("python 3", 6, "' ' cannot appear in an executable name")]
    [InlineData("@3.11", 0, "unexpected '@'")]
    [InlineData(">=3.x", 4, "unknown label 'x'")]
    [InlineData(">=3.10,", 7, "empty specifier")]
    [InlineData("cpython@>=3.10,,<4", 15, "empty specifier")]
    public void NonsenseIsRefusedWithThePlace(string text, int position, string problem)
    {
        var e = Assert.Throws<ParseException>(() => InterpreterRequest.Parse(text));
        Assert.Equal(InterpreterRequest.What, e.What);
        Assert.Equal(text, e.Input);
        Assert.Contains(problem, e.Problem);
        Assert.Equal(position, e.Position);
        Assert.StartsWith($"invalid Python request '{text}'", e.Message);
        Assert.Contains("cpython@3.11", e.Hint);
    }
}

public class InterpreterRequestMatchingTests
{
    private static InterpreterInfo Info(string implementation, int major, int minor, int micro, string full) => new()
    {
        Executable = "/x/python3", RealExecutable = "/x/python3", Implementation = implementation,
        Major = major, Minor = minor, Micro = micro, FullVersion = full, MagicNumberHex = "00",
        Markers = new EnvTool.Standards.Markers.MarkerEnvironment(implementation, full, "posix", "x86_64", "6.1", "Linux",
            "#1", full, implementation == "cpython" ? "CPython" : "PyPy", $"{major}.{minor}", "linux"),
        ConfigVars = new Dictionary<string, string?>(), SysconfigPlatform = "linux-x86_64", PointerBits = 64,
        HasTotalRefCount = false, BasePrefix = "/x", Prefix = "/x", Home = "/x",
        SitePackagesRelative = $"lib/python{major}.{minor}/site-packages", IncludeRelative = "include", ScriptsRelative = "bin",
    };

    [Theory]
    [InlineData("3", "cpython", "3.11.7", true)]
    [InlineData("3.11", "cpython", "3.11.7", true)]
    [InlineData("3.11", "cpython", "3.1.7", false)]
    [InlineData("3.1", "cpython", "3.11.7", false)]
    [InlineData("3.11.7", "cpython", "3.11.7", true)]
    [InlineData("3.11.7", "cpython", "3.11.2", false)]
    [InlineData("3.13.0rc1", "cpython", "3.13.0rc1", true)]
    [InlineData("3.13.0rc1", "cpython", "3.13.0", false)]
    [InlineData("3.13", "cpython", "3.13.0rc1", true)]
    [InlineData("cpython@3.11", "pypy", "3.11.7", false)]
    [InlineData("pypy", "pypy", "3.10.14", true)]
    [InlineData("pp310", "pypy", "3.10.14", true)]
    [InlineData(">=3.10,<3.12", "cpython", "3.11.7", true)]
    [InlineData(">=3.10,<3.12", "cpython", "3.12.1", false)]
    [InlineData(">=3.13", "cpython", "3.13.0rc1", false)]
    [InlineData(">=3.13.0rc1", "cpython", "3.13.0rc1", true)]
    [InlineData(">=3.14.0a1", "cpython", "3.14.0a1+", true)]
    public void Matches(string request, string implementation, string version, bool expected)
    {
        var parts = version.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray();
        var numbers = new string(parts).Split('.').Select(int.Parse).ToArray();
        var info = Info(implementation, numbers[0], numbers[1], numbers[2], version);
        Assert.Equal(expected, InterpreterRequest.Parse(request).Matches(info));
    }
}
