using Xunit.Abstractions;

namespace EnvTool.Tests.Support;

/// <summary>
/// How a differential suite reports one interpreter: its summary line, what was excluded and why,
/// then zero disagreements asserted, with the first 20 listed when there are some.
/// </summary>
public static class DifferentialReport
{
    public static void WriteAndAssert(ITestOutputHelper output, string label, string summary,
                                      IReadOnlyDictionary<string, int> excluded, IReadOnlyList<string> disagreements)
    {
        output.WriteLine($"{label}: {summary}, {disagreements.Count} disagreements");
        foreach (var (reason, count) in excluded.OrderByDescending(e => e.Value))
            output.WriteLine($"    excluded {count}: {reason}");
        Assert.True(disagreements.Count == 0,
            $"{label}: {disagreements.Count} disagreements, first 20:\n" + string.Join("\n", disagreements.Take(20)));
    }
}
