using System.Text.Json.Nodes;
using EnvTool.Standards.Markers;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Requirements;

/// <summary>
/// 10,000 generated markers, parsed, printed and evaluated by envtool and by the packaging in every
/// real interpreter's pip: against that interpreter's default environment and three synthetic ones,
/// with no extra and with two requested extras.
/// </summary>
public class MarkerDifferentialTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;
    private static readonly string[] Extras = ["", "test", "Foo_Bar"];

    private static readonly MarkerEnvironment Windows38 = new(
        ImplementationName: "cpython", ImplementationVersion: "3.8.10", OsName: "nt", PlatformMachine: "AMD64",
        PlatformRelease: "10", PlatformSystem: "Windows", PlatformVersion: "10.0.19041", PythonFullVersion: "3.8.10",
        PlatformPythonImplementation: "CPython", PythonVersion: "3.8", SysPlatform: "win32");

    private static readonly MarkerEnvironment MacPyPy310 = new(
        ImplementationName: "pypy", ImplementationVersion: "7.3.16", OsName: "posix", PlatformMachine: "arm64",
        PlatformRelease: "23.4.0", PlatformSystem: "Darwin", PlatformVersion: "Darwin Kernel Version 23.4.0",
        PythonFullVersion: "3.10.14", PlatformPythonImplementation: "PyPy", PythonVersion: "3.10", SysPlatform: "darwin");

    private static readonly MarkerEnvironment LinuxPrerelease314 = new(
        ImplementationName: "cpython", ImplementationVersion: "3.14.0c2", OsName: "posix", PlatformMachine: "aarch64",
        PlatformRelease: "6.1.0-18-amd64", PlatformSystem: "Linux", PlatformVersion: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1",
        PythonFullVersion: "3.14.0rc2", PlatformPythonImplementation: "CPython", PythonVersion: "3.14", SysPlatform: "linux");

    [SkippableFact]
    public void Markers_agree_with_packaging_in_every_interpreter()
    {
        Skip.If(TestPythons.All.Count == 0, "no Python 3 interpreter on this machine");
        var generator = new MarkerCaseGenerator(seed: 508);
        var cases = Enumerable.Range(0, Cases).Select(_ => generator.Next()).ToList();
        var synthetic = new[] { Windows38, MacPyPy310, LinuxPrerelease314 };
        var requests = new List<JsonObject>
        {
            new() { ["t"] = "envs", ["envs"] = new JsonArray([null, .. synthetic.Select(ToJson)]) },
        };
        requests.AddRange(cases.Select(c => new JsonObject
        {
            ["t"] = "m", ["s"] = c.Text, ["x"] = new JsonArray([.. Extras.Select(x => (JsonNode)x)]),
        }));

        var compared = 0;
        foreach (var (source, session, whyNot) in PackagingOracle.RunAll(requests))
        {
            var python = source.Label;
            if (session is null)
            {
                output.WriteLine($"{python}: skipped, no pip packaging ({whyNot})");
                continue;
            }
            compared++;
            var environments = new[] { FromJson(session.DefaultEnvironment) }.Concat(synthetic).ToArray();
            var disagreements = new List<string>();
            var excluded = new Dictionary<string, int>();
            int results = 0, valid = 0;
            for (var i = 0; i < cases.Count; i++)
                Compare(session, cases[i], session.Replies[i], environments, disagreements, excluded, ref results, ref valid);

            DifferentialReport.WriteAndAssert(output, $"{python} (packaging {session.PackagingVersion})",
                $"{cases.Count} markers ({valid} valid), {results} evaluations compared", excluded, disagreements);
        }
        Skip.If(compared == 0, "no interpreter with pip's vendored packaging");
    }

    private static void Compare(PackagingOracle.Session session, GeneratedMarker generated, JsonObject reply,
        MarkerEnvironment[] environments, List<string> disagreements, Dictionary<string, int> excluded, ref int results, ref int valid)
    {
        if (OldPackagingDifferences.MarkerCase(session.Version, generated) is { } caseReason)
        {
            Count(excluded, caseReason);
            return;
        }
        Marker.TryParse(generated.Text, out var marker);
        var theirsValid = reply["ok"]!.GetValue<bool>();
        if ((marker is not null) != theirsValid)
        {
            disagreements.Add($"[{generated.Text}] ours: {(marker is null ? "invalid" : "valid")}, packaging: " +
                (theirsValid ? "valid" : reply["err"]!.GetValue<string>()));
            return;
        }
        if (marker is null) return;
        valid++;
        if (OldPackagingDifferences.MarkerPrinting(session.Version, generated, marker) is { } printReason)
            Count(excluded, printReason);
        else if (marker.ToString() != reply["str"]!.GetValue<string>())
            disagreements.Add($"[{generated.Text}] printed ours: [{marker}] packaging: [{reply["str"]}]");

        var theirs = reply["r"]!.AsArray();
        var index = 0;
        for (var e = 0; e < environments.Length; e++)
            foreach (var extra in Extras)
            {
                var expected = theirs[index++]!.GetValue<string>();
                if (OldPackagingDifferences.MarkerResult(session.Version, generated, marker, environments[e], extra) is { } reason)
                {
                    Count(excluded, reason);
                    continue;
                }
                results++;
                string ours;
                try
                {
                    ours = marker.Evaluate(environments[e], extra.Length == 0 ? null : new HashSet<string> { extra }) ? "T" : "F";
                }
                catch (MarkerEvaluationException)
                {
                    ours = "E";
                }
                if (ours != expected)
                    disagreements.Add($"[{generated.Text}] env {e} extra '{extra}': ours {ours}, packaging {expected}");
            }
    }

    private static void Count(Dictionary<string, int> excluded, string reason) =>
        excluded[reason] = excluded.GetValueOrDefault(reason) + 1;

    private static JsonObject ToJson(MarkerEnvironment e) => new()
    {
        ["implementation_name"] = e.ImplementationName, ["implementation_version"] = e.ImplementationVersion,
        ["os_name"] = e.OsName, ["platform_machine"] = e.PlatformMachine, ["platform_release"] = e.PlatformRelease,
        ["platform_system"] = e.PlatformSystem, ["platform_version"] = e.PlatformVersion,
        ["python_full_version"] = e.PythonFullVersion, ["platform_python_implementation"] = e.PlatformPythonImplementation,
        ["python_version"] = e.PythonVersion, ["sys_platform"] = e.SysPlatform,
    };

    internal static MarkerEnvironment FromJson(JsonObject o)
    {
        string Get(string key) => o[key]!.GetValue<string>();
        return new MarkerEnvironment(Get("implementation_name"), Get("implementation_version"), Get("os_name"),
            Get("platform_machine"), Get("platform_release"), Get("platform_system"), Get("platform_version"),
            Get("python_full_version"), Get("platform_python_implementation"), Get("python_version"), Get("sys_platform"));
    }
}
