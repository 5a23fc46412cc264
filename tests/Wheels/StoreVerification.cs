using EnvTool.Store;
using EnvTool.Store.Verify;

namespace EnvTool.Tests.Wheels;

internal static class StoreVerification
{
    /// <summary>Runs verify as `envtool store verify` does by default and fails listing every problem found.</summary>
    public static void AssertClean(ContentStore store, string? context = null)
    {
        var report = store.Verify(new VerifyOptions());
        Assert.True(report.IsClean, (context is null ? "" : context + ": ") + "store is not clean:\n"
            + string.Join("\n", report.Problems.Select(p => $"{p.Kind} {p.Path}: {p.Detail}")));
    }
}
