using EnvTool.Index;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Versions;

namespace EnvTool.Resolve;

/// <summary>Everything one resolution needs.</summary>
public sealed record ResolveRequest
{
    /// <summary>What the user asks for (PEP 508; markers are evaluated for <see cref="Target"/>).</summary>
    public required IReadOnlyList<Requirement> Requirements { get; init; }

    /// <summary>Constraints (<c>-c</c>): limit the versions of a package if something requires it, never add one.</summary>
    public IReadOnlyList<Requirement> Constraints { get; init; } = [];

    public required ResolveTarget Target { get; init; }

    public PrereleaseMode Prereleases { get; init; } = PrereleaseMode.IfNecessaryOrExplicit;

    /// <summary>Versions to try first (normalized name to version), e.g. what a lock file pinned before.</summary>
    public IReadOnlyDictionary<string, Pep440Version> Preferences { get; init; } = new Dictionary<string, Pep440Version>();

    public required IPackageIndex Index { get; init; }

    /// <summary>How many metadata and page downloads may run at once.</summary>
    public int Concurrency { get; init; } = 16;
}
