using EnvTool.Standards.Markers;

namespace EnvTool.Tests.Requirements;

public class MarkerTests
{
    private static readonly MarkerEnvironment Linux311 = new(
        ImplementationName: "cpython", ImplementationVersion: "3.11.7", OsName: "posix", PlatformMachine: "x86_64",
        PlatformRelease: "6.1.0-18-amd64", PlatformSystem: "Linux", PlatformVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1",
        PythonFullVersion: "3.11.7", PlatformPythonImplementation: "CPython", PythonVersion: "3.11", SysPlatform: "linux");

    [Theory]
    [InlineData("python_version>='3.8'", "python_version >= \"3.8\"")]
    [InlineData("os.name == 'posix'", "os_name == \"posix\"")]
    [InlineData("python_implementation=='CPython'", "platform_python_implementation == \"CPython\"")]
    [InlineData("platform.python_implementation=='CPython'", "platform_python_implementation == \"CPython\"")]
    [InlineData("'linux' in sys.platform", "\"linux\" in sys_platform")]
    [InlineData("os_name not  in 'nt'", "os_name not in \"nt\"")]
    [InlineData("(python_version < '3')", "python_version < \"3\"")]
    [InlineData("(os_name == 'a' or os_name == 'b') and sys_platform == 'c'", "(os_name == \"a\" or os_name == \"b\") and sys_platform == \"c\"")]
    [InlineData("((os_name == 'a' or os_name == 'b')) and sys_platform == 'c'", "(os_name == \"a\" or os_name == \"b\") and sys_platform == \"c\"")]
    [InlineData("((os_name == 'a' or os_name == 'b'))", "os_name == \"a\" or os_name == \"b\"")]
    [InlineData("extra == 'Foo_Bar'", "extra == \"foo-bar\"")]
    [InlineData("'Foo.Bar' == extra", "\"foo-bar\" == extra")]
    [InlineData("platform_version == 'say \"hi\"'", "platform_version == 'say \"hi\"'")]
    public void ToString_is_the_normalized_form(string text, string expected)
    {
        var marker = Marker.Parse(text);
        Assert.Equal(expected, marker.ToString());
        Assert.Equal(marker, Marker.Parse(expected));
    }

    [Theory]
    [InlineData("python_version >= '3.8'", true)]
    [InlineData("python_version < '3.11'", false)]
    [InlineData("python_version == '3.11.*'", true)]
    [InlineData("python_full_version >= '3.11.7rc1'", true)]
    [InlineData("python_version > '3.11' or sys_platform == 'linux' and os_name == 'posix'", true)]
    [InlineData("(python_version > '3.11' or sys_platform == 'linux') and os_name == 'nt'", false)]
    [InlineData("'linux' in sys_platform", true)]
    [InlineData("'lin' not in sys_platform", false)]
    [InlineData("sys_platform < 'zzz'", false)] // ordering on strings is always false
    [InlineData("sys_platform <= 'linux'", true)] // <= on strings means ==
    [InlineData("os_name != 'nt'", true)]
    [InlineData("platform_release >= '5'", false)] // "6.1.0-18-amd64" is not a version: no match
    [InlineData("python_version === '3.11'", true)]
    [InlineData("extra == 'test'", false)]
    public void Evaluate_follows_packaging_semantics(string text, bool expected) =>
        Assert.Equal(expected, Marker.Parse(text).Evaluate(Linux311));

    [Fact]
    public void Extras_are_compared_in_normal_form_and_any_requested_extra_counts()
    {
        var marker = Marker.Parse("extra == 'Tests_Extra' and python_version >= '3'");
        Assert.True(marker.ReferencesExtra);
        Assert.False(marker.Evaluate(Linux311));
        Assert.True(marker.Evaluate(Linux311, new HashSet<string> { "tests.extra" }));
        Assert.True(marker.Evaluate(Linux311, new HashSet<string> { "docs", "TESTS-EXTRA" }));
        Assert.False(marker.Evaluate(Linux311, new HashSet<string> { "docs" }));
        Assert.False(Marker.Parse("python_version >= '3' or (os_name == 'nt')").ReferencesExtra);
        Assert.True(Marker.Parse("os_name == 'nt' or ('a' == extra)").ReferencesExtra);
    }

    [Theory]
    [InlineData("os_name ~= 'posix'", "'~=' is undefined")]
    [InlineData("sys_platform === 'linux'", "'===' is undefined")]
    [InlineData("'a' in extras", "only defined in lock files")]
    [InlineData("os_name == sys_platform", "compares two variables")]
    public void Undefined_comparisons_and_variables_are_errors(string text, string problem)
    {
        var e = Assert.Throws<MarkerEvaluationException>(() => Marker.Parse(text).Evaluate(Linux311));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void An_undefined_term_is_an_error_even_when_the_result_is_already_known()
    {
        var marker = Marker.Parse("python_version < '3' and os_name ~= 'posix'");
        Assert.Throws<MarkerEvaluationException>(() => marker.Evaluate(Linux311));
    }

    [Fact]
    public void Untagged_python_full_version_is_read_as_a_local_version()
    {
        var env = Linux311 with { PythonFullVersion = "3.13.0+" };
        Assert.True(Marker.Parse("python_full_version >= '3.13'").Evaluate(env));
    }
}
