using System.Collections.Concurrent;
using System.Text.Json;
using EnvTool.Standards.Versions;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Versions;

/// <summary>How our answer for one case compares with one packaging release's.</summary>
internal readonly record struct Verdict(string? Disagreement, string? ExcludedBecause)
{
    public static readonly Verdict Agree = default;

    public static Verdict Differs(string what) => new(what, null);

    /// <summary>Not compared: that packaging release decides this case differently by design (reason names the change).</summary>
    public static Verdict Excluded(string reason) => new(null, reason);
}

/// <summary>
/// Runs one differential suite against packaging in every interpreter that has pip (one process
/// each, all cases batched), plus the packaging source tree named by $ENVTOOL_PACKAGING_SRC when
/// set. Prints the counts per interpreter and fails listing the first 20 disagreements.
/// </summary>
internal static class Differential
{
    public static void Run<TCase>(
        ITestOutputHelper output,
        string suite,
        IReadOnlyList<TCase> cases,
        Func<TCase, string> request,
        Func<TCase, JsonElement, Pep440Version, Verdict> check)
    {
        var requests = cases.Select(request).ToArray();
        var oracles = TestPythons.All.Select(p => (Python: p, Source: (string?)null)).ToList();
        if (Environment.GetEnvironmentVariable("ENVTOOL_PACKAGING_SRC") is { Length: > 0 } src && TestPythons.Default is { } python)
            oracles.Add((python, src));

        // Two at a time: the machine has two cores and each oracle is one single-threaded process.
        var answers = new ConcurrentDictionary<int, PackagingOracle.Answers>();
        var seconds = new ConcurrentDictionary<int, double>();
        Parallel.For(0, oracles.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            answers[i] = PackagingOracle.Ask(oracles[i].Python, oracles[i].Source, requests);
            seconds[i] = clock.Elapsed.TotalSeconds;
        });

        var disagreements = new List<string>();
        int compared = 0;
        for (int i = 0; i < oracles.Count; i++)
        {
            var a = answers[i];
            if (a.PackagingVersion is null)
            {
                output.WriteLine($"{suite}: skipped {a.Label}: no packaging ({a.Missing})");
                continue;
            }
            compared++;
            int differ = 0;
            var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var examples = new List<string>();
            for (int c = 0; c < cases.Count; c++)
            {
                var verdict = check(cases[c], a.Results[c], a.PackagingVersion);
                if (verdict.ExcludedBecause is { } reason)
                    excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
                else if (verdict.Disagreement is { } what)
                {
                    differ++;
                    if (disagreements.Count < 20) disagreements.Add($"{a.Label}: {what}");
                    if (differ <= 3) examples.Add(what);
                }
            }
            output.WriteLine($"{suite}: {a.Label}: {cases.Count} cases, {differ} disagreements, {excluded.Values.Sum()} excluded by design ({seconds[i]:0.0} s in Python)");
            foreach (var (reason, n) in excluded) output.WriteLine($"    excluded {n}: {reason}");
            foreach (var example in examples) output.WriteLine($"    for example {example}");
        }
        Skip.If(compared == 0, "no interpreter on this machine has pip's vendored packaging");
        Assert.True(disagreements.Count == 0, $"{suite}: disagreements with packaging (first 20):\n" + string.Join("\n", disagreements));
    }

    /// <summary>The packaging release is older than <paramref name="release"/>.</summary>
    public static bool Before(this Pep440Version packaging, string release) => packaging < Pep440Version.Parse(release);

    public static bool? Bool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static string Show(bool? prereleases) => prereleases switch { null => "None", true => "True", false => "False" };
}
