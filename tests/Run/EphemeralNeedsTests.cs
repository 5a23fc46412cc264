using EnvTool.Environments;
using EnvTool.Environments.Ephemeral;
using EnvTool.Index;
using EnvTool.Install;
using EnvTool.Resolve;
using EnvTool.Python;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>What keys an ephemeral environment: equal needs share one, any real difference makes another.</summary>
public sealed class EphemeralNeedsTests
{
    private static InterpreterInfo Interpreter(string? path = null) =>
        InterpreterCache.Default.Get(path ?? TestPythons.RequireDefault());

    private static EphemeralNeeds Needs(InterpreterInfo interpreter, IndexOptions? sources = null, bool pre = false, params string[] requirements) =>
        new(requirements.Select(PackageRequest.FromArgument).ToList(),
            new InstallSources
            {
                Index = sources ?? new IndexOptions(),
                HttpCacheDirectory = "/nowhere",
                Prereleases = pre ? PrereleaseMode.Allow : PrereleaseMode.IfNecessaryOrExplicit,
            },
            interpreter);

    [SkippableFact]
    public void Order_and_spelling_of_requirements_do_not_matter_but_what_they_say_does()
    {
        var python = Interpreter();
        var key = Needs(python, null, false, "requests>=2", "rich").Key;
        Assert.Equal(key, Needs(python, null, false, "rich", "requests>=2").Key);
        Assert.Equal(key, Needs(python, null, false, "Rich", "requests >= 2", "rich").Key);
        Assert.Equal(Needs(python, null, false, "a>=1,<2").Key, Needs(python, null, false, "A <2, >=1").Key);
        Assert.NotEqual(key, Needs(python, null, false, "rich", "requests>=3").Key);
        Assert.NotEqual(key, Needs(python, null, false, "rich").Key);
        Assert.NotEqual(key, Needs(python, null, true, "rich", "requests>=2").Key);
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [SkippableFact]
    public void Sources_are_part_of_the_key_and_index_order_matters()
    {
        var python = Interpreter();
        var a = new IndexOptions { ExtraIndexUrls = ["http://a/simple", "http://b/simple"] };
        var b = new IndexOptions { ExtraIndexUrls = ["http://b/simple", "http://a/simple"] };
        Assert.NotEqual(Needs(python, a, false, "rich").Key, Needs(python, b, false, "rich").Key);
        var index = new IndexOptions { IndexUrl = "http://x/simple" };
        Assert.NotEqual(Needs(python, index, false, "rich").Key, Needs(python, index with { NoIndex = true }, false, "rich").Key);
        Assert.NotEqual(Needs(python, index, false, "rich").Key, Needs(python, null, false, "rich").Key);
        Assert.NotEqual(Needs(python, null, false, "rich").Key, Needs(python, new IndexOptions { FindLinks = ["/wheels"] }, false, "rich").Key);
        // Offline changes how packages are fetched, not which: the same environment.
        Assert.Equal(Needs(python, null, false, "rich").Key, Needs(python, new IndexOptions { Offline = true }, false, "rich").Key);
    }

    [SkippableFact]
    public void Each_interpreter_gets_its_own_environment()
    {
        var pythons = TestPythons.All.Take(2).ToList();
        Skip.If(pythons.Count < 2, "needs two interpreters");
        Assert.NotEqual(Needs(Interpreter(pythons[0]), null, false, "rich").Key, Needs(Interpreter(pythons[1]), null, false, "rich").Key);
    }
}
