using EnvTool.Standards.Versions;
using Xunit.Abstractions;
using static EnvTool.Tests.Versions.PackagingOracle;

namespace EnvTool.Tests.Versions;

/// <summary>Suite 4: SpecifierSet validity, text, and filter() on candidate lists with prereleases None/True/False.</summary>
public class SpecifierSetFilterDifferentialTests(ITestOutputHelper output)
{
    private static readonly bool?[] Modes = [null, true, false];

    [SkippableFact]
    public void FiltersLikePackaging()
    {
        var generator = new VersionCaseGenerator(seed: 440_4);
        var random = new Random(440_4);
        var cases = new List<(string Set, string[] Candidates)>();
        while (cases.Count < 10_000)
        {
            var clauses = new List<string>();
            VersionCaseGenerator.Parts? near = null;
            int count = random.Next(0, 4);
            for (int i = 0; i < count; i++)
            {
                var (text, parts) = generator.Specifier(allowInvalid: random.Next(20) == 0);
                clauses.Add(text);
                near ??= parts;
            }
            near ??= generator.RandomParts(tight: true);
            var candidates = Enumerable.Range(0, random.Next(1, 9)).Select(_ => generator.Candidate(near)).ToArray();
            cases.Add((string.Join(random.Next(3) == 0 ? " , " : ",", clauses), candidates));
        }
        Differential.Run(output, "specifier set filter", cases,
            c => Request(("k", "f"), ("set", c.Set), ("vs", c.Candidates)),
            (c, answer, packaging) =>
            {
                bool ours = SpecifierSet.TryParse(c.Set, out var set);
                bool theirs = answer.GetProperty("ok").GetBoolean();
                string quoted = VersionParsingDifferentialTests.Quote(c.Set);
                if (ours != theirs)
                    return PackagingChanges.SpecifierSetParsingChange(c.Set, packaging) is { } why
                        ? Verdict.Excluded(why)
                        : Verdict.Differs($"SpecifierSet({quoted}): ours {(ours ? "valid" : "invalid")}, packaging {(theirs ? "valid" : "invalid")}");
                if (!ours) return Verdict.Agree;
                var candidates = c.Candidates.Select(Pep440Version.Parse).ToArray();
                if (PackagingChanges.SetChange(c.Set, set!, candidates, packaging) is { } reason) return Verdict.Excluded(reason);
                if (set!.ToString() != answer.GetProperty("str").GetString())
                    return Verdict.Differs($"str(SpecifierSet({quoted})): ours '{set}', packaging '{answer.GetProperty("str").GetString()}'");
                var results = answer.GetProperty("r");
                for (int m = 0; m < Modes.Length; m++)
                {
                    var mine = string.Join(", ", set.Filter(candidates, Modes[m]));
                    var their = results[m].ValueKind == System.Text.Json.JsonValueKind.Array
                        ? string.Join(", ", results[m].EnumerateArray().Select(e => e.GetString()))
                        : results[m].ToString();
                    if (mine == their) continue;
                    if (PackagingChanges.FilterChange(set, candidates, Modes[m], packaging) is { } why) return Verdict.Excluded(why);
                    return Verdict.Differs($"SpecifierSet({quoted}).filter([{string.Join(", ", c.Candidates)}], prereleases={Differential.Show(Modes[m])}): ours [{mine}], packaging [{their}]");
                }
                return Verdict.Agree;
            });
    }
}
