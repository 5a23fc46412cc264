using EnvTool.Index;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;

namespace EnvTool.Resolve;

/// <summary>
/// One chosen distribution: its version, the wheel to install (the best-ranked compatible one),
/// whether the user asked for it by name, the extras that were activated on it and the names of
/// the distributions it depends on in this resolution. Nothing here depends on markers: a resolution
/// is for one target environment.
/// </summary>
public sealed record ResolvedPackage(
    PackageName Name,
    Pep440Version Version,
    DistributionFile File,
    bool Requested,
    IReadOnlyList<string> Extras,
    IReadOnlyList<PackageName> Dependencies);

/// <summary>The result of <see cref="Resolver.ResolveAsync"/>: every distribution to install, sorted by normalized name.</summary>
public sealed record Resolution(IReadOnlyList<ResolvedPackage> Packages)
{
    public ResolvedPackage? Find(string name)
    {
        var normalized = PackageName.Normalize(name);
        return Packages.FirstOrDefault(p => p.Name.Normalized == normalized);
    }
}
