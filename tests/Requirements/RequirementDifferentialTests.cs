using System.Text.Json.Nodes;
using EnvTool.Standards.Requirements;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Requirements;

/// <summary>
/// 3,000 generated requirement strings parsed by envtool and by the packaging in every real
/// interpreter's pip: valid or not, name, extras (PEP 685 normalized), specifier, URL, marker and
/// the whole printed requirement.
/// </summary>
public class RequirementDifferentialTests(ITestOutputHelper output)
{
    private const int Cases = 3_000;

    [SkippableFact]
    public void Requirements_agree_with_packaging_in_every_interpreter()
    {
        Skip.If(TestPythons.All.Count == 0, "no Python 3 interpreter on this machine");
        var generator = new RequirementCaseGenerator(seed: 440);
        var cases = Enumerable.Range(0, Cases).Select(_ => generator.Next()).ToList();
        var requests = cases.Select(c => new JsonObject { ["t"] = "r", ["s"] = c.Text }).ToList();

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
            var disagreements = new List<string>();
            var excluded = new Dictionary<string, int>();
            int valid = 0, checkedCases = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                if (OldPackagingDifferences.RequirementCase(session.Version, cases[i]) is { } reason)
                {
                    Count(excluded, reason);
                    continue;
                }
                checkedCases++;
                if (Compare(session, cases[i], session.Replies[i], disagreements, excluded)) valid++;
            }
            DifferentialReport.WriteAndAssert(output, $"{python} (packaging {session.PackagingVersion})",
                $"{cases.Count} requirements, {checkedCases} compared ({valid} valid)", excluded, disagreements);
        }
        Skip.If(compared == 0, "no interpreter with pip's vendored packaging");
    }

    /// <summary>Compares one case; true when both sides found it valid.</summary>
    private static bool Compare(PackagingOracle.Session session, GeneratedRequirement generated, JsonObject reply,
        List<string> disagreements, Dictionary<string, int> excluded)
    {
        Requirement? ours = null;
        string? ourError = null;
        try
        {
            ours = Requirement.Parse(generated.Text);
        }
        catch (EnvTool.Standards.ParseException e)
        {
            ourError = e.Problem;
        }
        var theirsValid = reply["ok"]!.GetValue<bool>();
        if (ourError is not null && theirsValid && OldPackagingDifferences.RequirementRejection(session.Version, ourError) is { } reason)
        {
            Count(excluded, reason);
            return false;
        }
        if ((ours is not null) != theirsValid)
        {
            disagreements.Add($"[{generated.Text}] ours: {ourError ?? "valid"}; packaging: " +
                (theirsValid ? "valid" : reply["err"]!.GetValue<string>()));
            return false;
        }
        if (ours is null) return false;

        void Check(string field, string? mine, string? theirs)
        {
            if (mine != theirs) disagreements.Add($"[{generated.Text}] {field}: ours [{mine}] packaging [{theirs}]");
        }
        Check("name", ours.Name.Original, reply["name"]!.GetValue<string>());
        Check("extras", string.Join(",", ours.Extras), string.Join(",", reply["extras"]!.AsArray().Select(x => x!.GetValue<string>())));
        var printReason = OldPackagingDifferences.RequirementPrinting(session.Version, generated);
        if (!generated.EqualClausesSpelledDifferently || printReason is null)
            Check("specifier", ours.Specifier.ToString(), reply["spec"]!.GetValue<string>());
        Check("url", ours.Url, reply["url"]?.GetValue<string>());
        var markerReason = generated.Marker is { } m && ours.Marker is not null
            ? OldPackagingDifferences.MarkerPrinting(session.Version, m, ours.Marker) : null;
        printReason ??= markerReason;
        if (markerReason is not null) Count(excluded, markerReason);
        else Check("marker", ours.Marker?.ToString(), reply["marker"]?.GetValue<string>());
        if (printReason is not null) Count(excluded, printReason);
        else Check("printed", ours.ToString(), reply["str"]!.GetValue<string>());
        return true;
    }

    private static void Count(Dictionary<string, int> excluded, string reason) =>
        excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
}
