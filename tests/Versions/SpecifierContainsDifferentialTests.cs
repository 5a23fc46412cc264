using EnvTool.Standards.Versions;
using Xunit.Abstractions;
using static EnvTool.Tests.Versions.PackagingOracle;

namespace EnvTool.Tests.Versions;

/// <summary>Suite 3: clause validity, text, and containment with prereleases None/True/False, against packaging.</summary>
public class SpecifierContainsDifferentialTests(ITestOutputHelper output)
{
    private static readonly bool?[] Modes = [null, true, false];

    [SkippableFact]
    public void ContainsLikePackaging()
    {
        var generator = new VersionCaseGenerator(seed: 440_3);
        var cases = new List<(string Spec, string Candidate)>();
        while (cases.Count < 12_000)
        {
            var (spec, parts) = generator.Specifier(allowInvalid: true);
            cases.Add((spec, generator.Candidate(parts)));
        }
        Differential.Run(output, "specifier contains", cases,
            c => Request(("k", "s"), ("spec", c.Spec), ("v", c.Candidate)),
            (c, answer, packaging) =>
            {
                bool ours = Specifier.TryParse(c.Spec, out var spec);
                bool theirs = answer.GetProperty("ok").GetBoolean();
                string quoted = VersionParsingDifferentialTests.Quote(c.Spec);
                if (ours != theirs)
                    return PackagingChanges.SpecifierParsingChange(c.Spec, packaging) is { } why
                        ? Verdict.Excluded(why)
                        : Verdict.Differs($"{quoted}: ours {(ours ? "valid" : "invalid")}, packaging {(theirs ? "valid" : "invalid")}");
                if (!ours) return Verdict.Agree;
                if (spec!.ToString() != answer.GetProperty("str").GetString())
                    return Verdict.Differs($"str({quoted}): ours '{spec}', packaging '{answer.GetProperty("str").GetString()}'");
                var candidate = Pep440Version.Parse(c.Candidate);
                var results = answer.GetProperty("r");
                for (int m = 0; m < Modes.Length; m++)
                {
                    bool mine = spec.Contains(candidate, Modes[m]);
                    var their = results[m];
                    if (Differential.Bool(their) == mine) continue;
                    if (PackagingChanges.ContainsChange(spec, candidate, Modes[m], packaging) is { } reason) return Verdict.Excluded(reason);
                    return Verdict.Differs($"Specifier({quoted}).contains('{candidate}', prereleases={Differential.Show(Modes[m])}): ours {mine}, packaging {their}");
                }
                return Verdict.Agree;
            });
    }
}
