using EnvTool.Resolve.Ranges;
using EnvTool.Standards.Versions;

namespace EnvTool.Resolve.PubGrub;

/// <summary>One version the solver may pick; <see cref="UnavailableReason"/> set when it exists but cannot be used.</summary>
internal sealed record Candidate(Pep440Version Version, string? UnavailableReason = null);

/// <summary>The versions of a package, newest first; <see cref="NotFound"/> when no source knows it.</summary>
internal sealed record CandidateList(IReadOnlyList<Candidate> NewestFirst, bool NotFound = false, Pep440Version? Preferred = null)
{
    public static CandidateList Missing { get; } = new([], NotFound: true);
}

/// <summary>What one version needs: other packages at version ranges, or a reason it cannot be used at all.</summary>
internal sealed record DependencyList(IReadOnlyList<KeyValuePair<SolverPackage, VersionSet>> Dependencies, string? UnavailableReason = null)
{
    public static DependencyList Unavailable(string reason) => new([], reason);
}

/// <summary>Where the solver gets its universe from (an index, or a hand-made universe in tests).</summary>
internal interface ISolverProvider
{
    ValueTask<CandidateList> GetCandidatesAsync(SolverPackage package, CancellationToken cancellationToken);

    ValueTask<DependencyList> GetDependenciesAsync(SolverPackage package, Pep440Version version, CancellationToken cancellationToken);

    /// <summary>A hint that <paramref name="package"/> will likely be needed within <paramref name="range"/>: start fetching.</summary>
    void Prefetch(SolverPackage package, VersionSet range);
}
