using EnvTool.Standards.Versions;
using Xunit.Abstractions;
using static EnvTool.Tests.Versions.PackagingOracle;

namespace EnvTool.Tests.Versions;

/// <summary>Suite 1: whether a text is a valid version, and its normalized form, against packaging.</summary>
public class VersionParsingDifferentialTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void ParsesAndNormalizesLikePackaging()
    {
        var generator = new VersionCaseGenerator(seed: 440_1);
        var cases = Enumerable.Range(0, 12_000).Select(_ => generator.VersionText()).ToArray();
        Differential.Run(output, "version parsing", cases,
            text => Request(("k", "v"), ("s", text)),
            (text, answer, packaging) =>
            {
                bool ours = Pep440Version.TryParse(text, out var v);
                bool theirs = answer.GetProperty("ok").GetBoolean();
                string? normalized = theirs ? answer.GetProperty("n").GetString() : null;
                if (ours == theirs && (!ours || v!.ToString() == normalized)) return Verdict.Agree;
                if (PackagingChanges.ParsingChange(text, packaging) is { } reason) return Verdict.Excluded(reason);
                return Verdict.Differs($"{Quote(text)}: ours {(ours ? v!.ToString() : "invalid")}, packaging {normalized ?? "invalid"}");
            });
    }

    internal static string Quote(string text) =>
        "'" + string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}")) + "'";
}
