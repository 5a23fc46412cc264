using EnvTool.Index;
using EnvTool.Resolve;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Versions;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Resolve;

/// <summary>Resolves against a universe published as a static index over HTTP, through the real index client.</summary>
public sealed class UniverseResolver : IDisposable
{
    private readonly TempDir _dir = new("envtool-resolve");
    private readonly PackageIndex _index;

    public UniverseResolver(StaticIndexServer server, Universe universe)
    {
        _index = new PackageIndex(new IndexOptions { IndexUrl = server.Publish(universe).AbsoluteUri }, _dir.Sub("http-cache"));
    }

    public Task<Resolution> ResolveAsync(params string[] requirements) => ResolveAsync(requirements, r => r);

    public Task<Resolution> ResolveAsync(string[] requirements, Func<ResolveRequest, ResolveRequest> configure, string python = "3.12") =>
        Resolver.ResolveAsync(configure(new ResolveRequest
        {
            Requirements = requirements.Select(Requirement.Parse).ToList(),
            Target = ResolveTarget.ForPythonVersion(python),
            Index = _index,
        }));

    /// <summary>The chosen "name==version" pairs, sorted.</summary>
    public static string Pins(Resolution resolution) =>
        string.Join(" ", resolution.Packages.Select(p => $"{p.Name.Normalized}=={p.Version}"));

    public async Task<string> ExplainAsync(string[] requirements, Func<ResolveRequest, ResolveRequest>? configure = null, string python = "3.12")
    {
        var e = await Assert.ThrowsAsync<ResolutionException>(() => ResolveAsync(requirements, configure ?? (r => r), python));
        return e.Explanation;
    }

    public static Pep440Version V(string text) => Pep440Version.Parse(text);

    public void Dispose()
    {
        _index.Dispose();
        _dir.Dispose();
    }
}
