using EnvTool.Python;
using EnvTool.Resolve;
using EnvTool.Standards.Requirements;
using EnvTool.Store.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Resolve;

/// <summary>Targets: a synthesized "CPython X.Y on this machine" must look exactly like a real one.</summary>
public sealed class ResolveTargetTests(StaticIndexServer server) : IClassFixture<StaticIndexServer>
{
    [SkippableFact]
    public void A_synthesized_target_matches_every_real_interpreter_of_that_version()
    {
        var pythons = TestPythons.All;
        Skip.If(pythons.Count == 0, "no Python 3 interpreter on this machine");
        var compared = 0;
        foreach (var python in pythons)
        {
            var info = InterpreterProbe.Probe(python);
            if (info.Implementation != "cpython" || info.HasTotalRefCount || info.FullVersion.Any(char.IsAsciiLetter)) continue;
            var real = ResolveTarget.For(info);
            var synthesized = ResolveTarget.ForPythonVersion(info.FullVersion);
            Assert.Equal(real.Tags.Tags.Select(t => t.ToString()), synthesized.Tags.Tags.Select(t => t.ToString()));
            var (r, s) = (real.Environment, synthesized.Environment);
            Assert.Equal(
                (r.ImplementationName, r.ImplementationVersion, r.OsName, r.PlatformMachine, r.PlatformRelease, r.PlatformSystem,
                    r.PythonFullVersion, r.PlatformPythonImplementation, r.PythonVersion, r.SysPlatform),
                (s.ImplementationName, s.ImplementationVersion, s.OsName, s.PlatformMachine, s.PlatformRelease, s.PlatformSystem,
                    s.PythonFullVersion, s.PlatformPythonImplementation, s.PythonVersion, s.SysPlatform));
            Assert.Equal(real.PythonVersion, synthesized.PythonVersion);
            compared++;
        }
        Skip.If(compared == 0, "no release-build CPython found");
    }

    [Theory]
    [InlineData("3.8", "3.8.0", "3.8")]
    [InlineData("3.12.4", "3.12.4", "3.12")]
    public void A_missing_patch_number_reads_as_zero(string version, string full, string shortVersion)
    {
        var target = ResolveTarget.ForPythonVersion(version);
        Assert.Equal(full, target.PythonVersion.ToString());
        Assert.Equal(full, target.Environment.PythonFullVersion);
        Assert.Equal(shortVersion, target.Environment.PythonVersion);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("3.x")]
    [InlineData("2.7")]
    [InlineData("3.12.1.1")]
    public void Refuses_what_is_not_a_python_version(string version)
    {
        var e = Assert.Throws<EnvToolException>(() => ResolveTarget.ForPythonVersion(version));
        Assert.Contains($"'{version}'", e.Message);
    }

    [SkippableFact]
    public async Task Resolves_for_a_real_interpreter()
    {
        var python = TestPythons.RequireDefault();
        var info = InterpreterProbe.Probe(python);
        using var dir = new TempDir("envtool-resolve");
        using var index = new EnvTool.Index.PackageIndex(new EnvTool.Index.IndexOptions
        {
            IndexUrl = server.Publish(new Universe()
                .Add("app", "1.0", $"mine; python_version == '{info.ShortVersion}'", $"other; python_version != '{info.ShortVersion}'")
                .Add("mine", new Release("1.0") { RequiresPython = $"=={info.ShortVersion}.*" })
                .Add("other", "1.0")).AbsoluteUri,
        }, dir.Sub("cache"));
        var resolution = await Resolver.ResolveAsync(new ResolveRequest
        {
            Requirements = [Requirement.Parse("app")],
            Target = ResolveTarget.For(info),
            Index = index,
        });
        Assert.Equal(["app", "mine"], resolution.Packages.Select(p => p.Name.Normalized));
    }
}
