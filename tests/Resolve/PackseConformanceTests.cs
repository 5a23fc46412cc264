using System.Runtime.InteropServices;
using System.Text;
using EnvTool.Index;
using EnvTool.Resolve;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Tags;
using EnvTool.Standards.Versions;
using EnvTool.Tests.Support;
using Tomlyn.Model;
using Xunit.Abstractions;

namespace EnvTool.Tests.Resolve;

/// <summary>
/// Astral's packse scenarios as a conformance suite: every scenario's universe becomes real wheels and a
/// static PEP 503 index, served over HTTP by one <c>python3 -m http.server</c>, and the resolver runs
/// through the real index client. Satisfiable-or-not and the exact chosen versions must match.
/// </summary>
public sealed class PackseConformanceTests(StaticIndexServer server, ITestOutputHelper output) : IClassFixture<StaticIndexServer>
{
    private sealed record Outcome(PackseScenario Scenario, string Result, string Detail, string? Explanation);

    [Fact]
    public async Task Every_applicable_scenario_resolves_as_expected()
    {
        var scenarios = PackseScenario.LoadAll().ToList();
        Assert.True(scenarios.Count >= 100, $"only {scenarios.Count} scenarios found");
        var outcomes = new List<Outcome>();
        foreach (var scenario in scenarios) outcomes.Add(await RunAsync(scenario));

        var table = new StringBuilder();
        var width = outcomes.Max(o => o.Scenario.ToString().Length);
        foreach (var o in outcomes)
            table.Append(o.Scenario.ToString().PadRight(width)).Append("  ").Append(o.Result.PadRight(6)).Append("  ").Append(o.Detail).Append('\n');
        table.Append($"\n{outcomes.Count(o => o.Result == "pass")} pass, {outcomes.Count(o => o.Result == "FAIL")} fail, " +
                     $"{outcomes.Count(o => o.Result == "n/a")} not applicable, of {outcomes.Count}\n");
        output.WriteLine(table.ToString());
        foreach (var o in outcomes.Where(o => o.Explanation is not null))
            output.WriteLine($"--- {o.Scenario} ({(o.Scenario.Satisfiable ? "expected satisfiable" : "expected unsatisfiable")}):\n{o.Explanation}\n");

        Assert.True(outcomes.Count(o => o.Result == "pass") >= 50, "fewer than 50 applicable scenarios passed");
        Assert.Empty(outcomes.Where(o => o.Result == "FAIL").Select(o => $"{o.Scenario}: {o.Detail}"));
    }

    [Theory]
    [InlineData("transitive-incompatible-with-transitive",
        "Because b depends on c==2.0.0 and a depends on c==1.0.0, b and a are incompatible.\n" +
        "And because you require a and b, your requirements are unsatisfiable.")]
    [InlineData("python-greater-than-current",
        "Because a==1.0.0 requires Python >=3.10, but the target is 3.9.0 and you require a==1.0.0, your requirements are unsatisfiable.")]
    [InlineData("transitive-package-only-prereleases-in-range",
        "Because a depends on b>0.1 and there is no version of b>0.1 (pre-releases were not considered: 1.0.0a1), a cannot be used.\n" +
        "And because you require a, your requirements are unsatisfiable.")]
    public async Task Explains_unsatisfiable_scenarios_word_for_word(string name, string expected)
    {
        var scenario = PackseScenario.LoadAll().Single(s => s.Name == name);
        Assert.False(scenario.Satisfiable);
        var outcome = await RunAsync(scenario);
        Assert.Equal("pass", outcome.Result);
        Assert.Equal(expected, outcome.Explanation);
    }

    private async Task<Outcome> RunAsync(PackseScenario scenario)
    {
        if (NotApplicable(scenario) is { } reason) return new Outcome(scenario, "n/a", reason, null);
        var target = ResolveTarget.ForPythonVersion(scenario.TargetPython);
        if (NeedsSdistBuild(scenario, target.Tags) is { } build) return new Outcome(scenario, "n/a", build, null);

        using var cache = new TempDir("envtool-packse-cache");
        using var index = new PackageIndex(new IndexOptions { IndexUrl = server.Publish(scenario.Universe, scenario.Name).AbsoluteUri }, cache.Path);
        var request = new ResolveRequest
        {
            Requirements = scenario.Requires.Select(Requirement.Parse).ToList(),
            Target = target,
            Index = index,
            Prereleases = Prereleases(scenario.Options),
        };
        try
        {
            var resolution = await Resolver.ResolveAsync(request);
            var got = string.Join(" ", resolution.Packages.Select(p => $"{p.Name.Normalized}=={p.Version}"));
            if (!scenario.Satisfiable) return new Outcome(scenario, "FAIL", $"expected unsatisfiable, resolved {got}", null);
            if (scenario.ExpectedPackages is { } expected)
            {
                var want = string.Join(" ", expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}=={Pep440Version.Parse(e.Value)}"));
                if (want != got) return new Outcome(scenario, "FAIL", $"expected {want}, resolved {got}", null);
            }
            return new Outcome(scenario, "pass", got.Length == 0 ? "(nothing to install)" : got, null);
        }
        catch (ResolutionException e)
        {
            return scenario.Satisfiable
                ? new Outcome(scenario, "FAIL", "expected satisfiable, got: " + e.Explanation.Replace('\n', ' '), e.Explanation)
                : new Outcome(scenario, "pass", "unsatisfiable", e.Explanation);
        }
    }

    private static PrereleaseMode Prereleases(TomlTable options) =>
        options.TryGetValue("prereleases", out var value) && value is true or "allow" ? PrereleaseMode.Allow
        : value is "disallow" ? PrereleaseMode.Disallow
        : PrereleaseMode.IfNecessaryOrExplicit;

    /// <summary>Why envtool cannot run this scenario as written, or null.</summary>
    private static string? NotApplicable(PackseScenario scenario)
    {
        foreach (var (key, value) in scenario.Options)
        {
            switch (key)
            {
                case "universal" when value is true:
                    return "universal (fork) resolution: envtool resolves for one environment";
                case "universal" or "python" or "no_build":
                    // no_build: envtool never builds, so a no-build resolution is what it always does.
                    break;
                case "prereleases" when value is true or "allow" or "disallow" or "if-necessary-or-explicit":
                    break;
                case "python_platform" when value is string platform && IsThisPlatform(platform):
                    break;
                case "python_platform":
                    return $"python_platform {value}: envtool resolves for this machine's platform";
                default:
                    return $"resolver option '{key}' has no envtool equivalent";
            }
        }
        return null;
    }

    private static bool IsThisPlatform(string platform)
    {
        var arch = RuntimeInformation.OSArchitecture == Architecture.X64 ? "x86_64" : RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "?";
        return OperatingSystem.IsLinux() && platform.StartsWith(arch + "-", StringComparison.Ordinal)
            && (platform.Contains("manylinux", StringComparison.Ordinal) || platform.EndsWith("linux-gnu", StringComparison.Ordinal));
    }

    /// <summary>
    /// A satisfiable expectation that relies on a release only an sdist build can provide here (it has an
    /// sdist and no wheel this target accepts): not applicable until envtool builds sdists.
    /// </summary>
    private static string? NeedsSdistBuild(PackseScenario scenario, SupportedTags tags)
    {
        if (!scenario.Satisfiable) return null;
        foreach (var (name, releases) in scenario.Universe.Packages)
            foreach (var release in releases)
            {
                bool buildOnly = release.Sdist && !(release.Wheel && release.WheelTags.Any(t => tags.BestRank(Tag.ParseSet(t)) is not null));
                if (!buildOnly) continue;
                var normalized = EnvTool.Standards.Names.PackageName.Normalize(name);
                if (scenario.ExpectedPackages is null || scenario.ExpectedPackages.Count == 0
                    || (scenario.ExpectedPackages.TryGetValue(normalized, out var v) && Pep440Version.Parse(v) == Pep440Version.Parse(release.Version)))
                    return $"needs an sdist build ({name} {release.Version} has no wheel for this target)";
            }
        return null;
    }
}
