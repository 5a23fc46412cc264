using EnvTool.Resolve.PubGrub;
using EnvTool.Standards.Names;

namespace EnvTool.Resolve;

/// <summary>Resolves requirements to one version of each needed distribution for one target environment.</summary>
public static class Resolver
{
    /// <summary>
    /// Finds the versions to install, newest first within what the requirements, constraints,
    /// Requires-Python, the pre-release policy, yanks and the target's wheel tags allow.
    /// Throws <see cref="ResolutionException"/> with a step-by-step explanation when there is none.
    /// </summary>
    public static async Task<Resolution> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken = default)
    {
        var provider = new IndexProvider(request, cancellationToken);
        var solver = new Solver(provider, provider.ConstraintIncompatibilities());
        IReadOnlyDictionary<SolverPackage, Standards.Versions.Pep440Version> decisions;
        try
        {
            decisions = await solver.SolveAsync(cancellationToken);
        }
        catch (NoSolutionException e)
        {
            var explanation = new ExplanationWriter(provider.NoVersionsNote).Write(e.Terminal);
            var hint = explanation.Contains("pre-releases were not considered", StringComparison.Ordinal)
                ? "pre-releases are used when a requirement or constraint you give names one (e.g. pkg>=2.0b1), when a package has only pre-releases, or with --pre"
                : null;
            throw new ResolutionException(explanation, hint);
        }

        var requested = provider.RequestedNames;
        var packages = new List<ResolvedPackage>();
        foreach (var (package, version) in decisions.Where(d => d.Key.Extra is null).OrderBy(d => d.Key.Name, StringComparer.Ordinal))
        {
            var project = await provider.GetProjectAsync(package.Name);
            var extras = decisions.Keys.Where(k => k.Name == package.Name && k.Extra is not null).Select(k => k.Extra!)
                .Order(StringComparer.Ordinal).ToList();
            var dependencies = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var part in extras.Select(e => new SolverPackage(package.Name, e)).Prepend(package))
                foreach (var (dependency, _) in (await provider.GetDependenciesAsync(part, version, cancellationToken)).Dependencies)
                    if (dependency.Name != package.Name) dependencies.Add(dependency.Name);
            packages.Add(new ResolvedPackage(
                PackageName.Parse(provider.DisplayName(package.Name, version)),
                version,
                project.Find(version)!.Wheel!,
                requested.Contains(package.Name),
                extras,
                dependencies.Select(PackageName.Parse).ToList()));
        }
        return new Resolution(packages);
    }
}
