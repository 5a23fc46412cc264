using EnvTool.Standards.Versions;
using Xunit.Abstractions;
using static EnvTool.Tests.Versions.PackagingOracle;

namespace EnvTool.Tests.Versions;

/// <summary>Suite 2: the order (and equality) of pairs of versions, against packaging.</summary>
public class VersionOrderingDifferentialTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void OrdersPairsLikePackaging()
    {
        var generator = new VersionCaseGenerator(seed: 440_2);
        var cases = new List<(string A, string B)>();
        while (cases.Count < 12_000)
        {
            // Mostly close pairs (same release, neighbouring suffixes), some far apart with big numbers.
            var a = generator.RandomParts(tight: cases.Count % 4 != 0);
            var b = cases.Count % 3 == 0 ? generator.RandomParts(tight: cases.Count % 4 != 0) : generator.Neighbour(a);
            cases.Add((generator.Render(a), generator.Render(b)));
        }
        Differential.Run(output, "version ordering", cases,
            c => Request(("k", "c"), ("a", c.A), ("b", c.B)),
            (c, answer, _) =>
            {
                var a = Pep440Version.Parse(c.A);
                var b = Pep440Version.Parse(c.B);
                int ours = Math.Sign(a.CompareTo(b));
                int theirs = answer.GetProperty("r").GetInt32();
                bool equal = answer.GetProperty("eq").GetBoolean();
                if (ours == theirs && (a == b) == equal && (!equal || a.GetHashCode() == b.GetHashCode())) return Verdict.Agree;
                return Verdict.Differs($"compare('{c.A}', '{c.B}'): ours {ours}, packaging {theirs} (equal: {equal})");
            });
    }
}
