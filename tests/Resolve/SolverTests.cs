using EnvTool.Resolve;
using EnvTool.Standards.Requirements;
using static EnvTool.Tests.Resolve.UniverseResolver;

namespace EnvTool.Tests.Resolve;

/// <summary>The resolver on hand-made universes served as a static index: each test names the rule it checks.</summary>
public sealed class SolverTests(StaticIndexServer server) : IClassFixture<StaticIndexServer>
{
    [Fact]
    public async Task Picks_the_newest_versions_that_satisfy_everything()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("app", "1.0", "lib>=1.1").Add("app", "2.0", "lib>=2")
            .Add("lib", "1.0").Add("lib", "1.1").Add("lib", "2.0").Add("lib", "2.1"));
        var resolution = await r.ResolveAsync("app");
        Assert.Equal("app==2.0 lib==2.1", Pins(resolution));
        Assert.True(resolution.Find("app")!.Requested);
        Assert.False(resolution.Find("lib")!.Requested);
        Assert.Equal(["lib"], resolution.Find("app")!.Dependencies.Select(d => d.Normalized));
        Assert.EndsWith("lib-2.1-py3-none-any.whl", resolution.Find("lib")!.File.FileName);
    }

    [Fact]
    public async Task Backtracks_when_the_newest_version_leads_to_a_conflict()
    {
        // flask 3 needs werkzeug 3, which the user excludes: the solver must fall back to flask 2.
        using var r = new UniverseResolver(server, new Universe()
            .Add("flask", "2.0", "werkzeug>=2,<3").Add("flask", "3.0", "werkzeug>=3")
            .Add("werkzeug", "2.0").Add("werkzeug", "2.5").Add("werkzeug", "3.0"));
        Assert.Equal("flask==2.0 werkzeug==2.5", Pins(await r.ResolveAsync("flask", "werkzeug<3")));
    }

    [Fact]
    public async Task Backtracks_across_packages()
    {
        // Newest a needs c==1, newest b needs c==2: one of them must go back a version.
        using var r = new UniverseResolver(server, new Universe()
            .Add("a", "1.0", "c==2").Add("a", "2.0", "c==1")
            .Add("b", "1.0", "c==2").Add("b", "2.0", "c==2", "d")
            .Add("c", "1").Add("c", "2"));
        var pins = Pins(await r.ResolveAsync("a", "b"));
        Assert.Equal("a==1.0 b==1.0 c==2", pins.Replace(" d==", " d=="));
    }

    [Fact]
    public async Task Extras_add_their_requirements_at_the_same_version()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("web", new Release("1.0") { Extras = new Dictionary<string, IReadOnlyList<string>> { ["tls"] = ["cryptography>=2"] } })
            .Add("web", new Release("2.0") { Extras = new Dictionary<string, IReadOnlyList<string>> { ["tls"] = ["cryptography>=3"] } })
            .Add("cryptography", "2.5").Add("cryptography", "3.1"));
        var resolution = await r.ResolveAsync("web[tls]");
        Assert.Equal("cryptography==3.1 web==2.0", Pins(resolution));
        Assert.Equal(["tls"], resolution.Find("web")!.Extras);
        Assert.Equal(["cryptography"], resolution.Find("web")!.Dependencies.Select(d => d.Normalized));

        // Without the extra, its requirements are not installed.
        Assert.Equal("web==2.0", Pins(await r.ResolveAsync("web")));
        // The extra's requirement forces the distribution itself back to 1.0.
        Assert.Equal("cryptography==2.5 web==1.0", Pins(await r.ResolveAsync("web[tls]", "cryptography<3")));
    }

    [Fact]
    public async Task Markers_are_evaluated_for_the_target()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("app", "1.0", "linuxonly; sys_platform == 'linux'", "winonly; sys_platform == 'win32'", "old; python_version < '3.9'")
            .Add("linuxonly", "1.0").Add("winonly", "1.0").Add("old", "1.0"));
        Assert.Equal("app==1.0 linuxonly==1.0", Pins(await r.ResolveAsync("app")));
        Assert.Equal("app==1.0 linuxonly==1.0 old==1.0", Pins(await r.ResolveAsync(["app"], q => q, python: "3.8")));
        Assert.Equal("", Pins(await r.ResolveAsync("app; python_version < '3'")));
    }

    [Fact]
    public async Task Requires_python_excludes_candidates_and_is_explained()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("tool", new Release("1.0") { RequiresPython = ">=3.8" })
            .Add("tool", new Release("2.0") { RequiresPython = ">=3.10" })
            .Add("tool", new Release("2.1") { RequiresPython = ">=3.10" }));
        Assert.Equal("tool==1.0", Pins(await r.ResolveAsync(["tool"], q => q, python: "3.9")));
        Assert.Equal("tool==2.1", Pins(await r.ResolveAsync(["tool"], q => q, python: "3.11")));
        var text = await r.ExplainAsync(["tool>=2"], python: "3.9");
        Assert.Equal(
            "Because tool>=2.0 requires Python >=3.10, but the target is 3.9.0 and you require tool>=2, your requirements are unsatisfiable.",
            text);
    }

    [Fact]
    public async Task Prereleases_follow_if_necessary_or_explicit()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("a", "1.0").Add("a", "2.0b1")
            .Add("onlypre", "1.0a1").Add("onlypre", "1.0a2")
            .Add("b", "1.0", "a>=2.0b1"));
        Assert.Equal("a==1.0", Pins(await r.ResolveAsync("a")));
        Assert.Equal("a==2.0b1", Pins(await r.ResolveAsync("a>=2.0b1")));
        Assert.Equal("onlypre==1.0a2", Pins(await r.ResolveAsync("onlypre")));
        Assert.Equal("a==2.0b1", Pins(await r.ResolveAsync(["a"], q => q with { Prereleases = PrereleaseMode.Allow })));
        // A dependency naming a pre-release does not opt in; the user must.
        var text = await r.ExplainAsync(["b"]);
        Assert.Contains("there is no version of a>=2.0b1 (pre-releases were not considered: 2.0b1)", text);
        Assert.Equal("a==2.0b1 b==1.0", Pins(await r.ResolveAsync("b", "a>=2.0b1")));
        await Assert.ThrowsAsync<ResolutionException>(() => r.ResolveAsync(["onlypre"], q => q with { Prereleases = PrereleaseMode.Disallow }));
    }

    [Fact]
    public async Task Yanked_versions_are_used_only_when_pinned()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("a", "1.0").Add("a", new Release("1.1") { Yanked = true })
            .Add("b", "1.0", "a==1.1"));
        Assert.Equal("a==1.0", Pins(await r.ResolveAsync("a")));
        Assert.Equal("a==1.1", Pins(await r.ResolveAsync("a==1.1")));
        var text = await r.ExplainAsync(["b"]);
        Assert.Contains("a==1.1 was yanked", text);
    }

    [Fact]
    public async Task Constraints_restrict_versions_without_adding_packages()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("app", "1.0", "lib").Add("lib", "1.0").Add("lib", "2.0").Add("other", "1.0"));
        var constrained = (ResolveRequest q) => q with { Constraints = [Requirement.Parse("lib<2"), Requirement.Parse("other==1.0")] };
        Assert.Equal("app==1.0 lib==1.0", Pins(await r.ResolveAsync(["app"], constrained)));
        var text = await r.ExplainAsync(["app", "lib>=2"], constrained);
        Assert.Contains("your constraints allow only lib<2", text);
    }

    [Fact]
    public async Task Preferences_are_tried_first()
    {
        using var r = new UniverseResolver(server, new Universe().Add("a", "1.0").Add("a", "1.5").Add("a", "2.0"));
        var preferring = (ResolveRequest q) => q with { Preferences = new Dictionary<string, EnvTool.Standards.Versions.Pep440Version> { ["a"] = V("1.5") } };
        Assert.Equal("a==1.5", Pins(await r.ResolveAsync(["a"], preferring)));
        // A preference outside the requirement's range is ignored.
        Assert.Equal("a==2.0", Pins(await r.ResolveAsync(["a>=2"], preferring)));
    }

    [Fact]
    public async Task Wheels_only_best_ranked_wheel_and_sdist_only_projects_are_explained()
    {
        using var r = new UniverseResolver(server, new Universe()
            .Add("native", new Release("1.0") { WheelTags = ["py3-none-any", "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64"] })
            .Add("srconly", new Release("1.0") { Wheel = false })
            .Add("macos", new Release("1.0") { WheelTags = ["py3-none-macosx_11_0_arm64"], Sdist = false }));
        var native = (await r.ResolveAsync("native")).Find("native")!.File.FileName;
        if (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
            Assert.Contains("manylinux", native);
        Assert.Equal("Because srconly has no wheel for this platform (only sdists, which envtool cannot build yet) and you require srconly, your requirements are unsatisfiable.",
            await r.ExplainAsync(["srconly"]));
        Assert.Equal("Because macos has no wheel for this platform and you require macos, your requirements are unsatisfiable.",
            await r.ExplainAsync(["macos"]));
    }

    [Fact]
    public async Task Unknown_projects_and_missing_versions_are_explained()
    {
        using var r = new UniverseResolver(server, new Universe().Add("a", "1.0", "ghost").Add("b", "1.0"));
        Assert.Equal(
            "Because a depends on ghost and ghost is not available from the configured sources, a cannot be used.\n" +
            "And because you require a, your requirements are unsatisfiable.",
            await r.ExplainAsync(["a"]));
        Assert.Equal("Because there is no version of b>=2 and you require b>=2, your requirements are unsatisfiable.",
            await r.ExplainAsync(["b>=2"]));
    }
}
