using EnvTool.Tests.Corpus;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>Every wheel rebuilt from this machine's Python (compiled ones included) imports and verifies.</summary>
[Collection(CorpusCollection.Name)]
public sealed class RealCorpusImportTests(CorpusFixture corpus)
{
    [SkippableFact]
    public void EveryCorpusWheelImportsAndTheStoreVerifiesClean()
    {
        corpus.SkipIfUnavailable();
        var wheels = Directory.GetFiles(corpus.Wheels, "*.whl").Order(StringComparer.Ordinal).ToArray();
        Assert.True(wheels.Length >= 50, $"expected the real corpus, found {wheels.Length} wheels");
        using var dir = new TempDir("envtool-corpus-import");
        var store = dir.Sub("store");

        var add = StoreCli.Ok(store, ["store", "add", .. wheels]);
        Assert.Empty(StoreCli.Errors(add));
        StoreCli.Ok(store, "store", "verify", "--full");
        var info = StoreCli.Ok(store, "store", "info").Stdout;
        Assert.Contains($"artifacts:  {wheels.Length}", info);
    }
}
