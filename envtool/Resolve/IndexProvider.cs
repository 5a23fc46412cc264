using System.Collections.Concurrent;
using EnvTool.Resolve.PubGrub;
using EnvTool.Resolve.Ranges;
using EnvTool.Standards;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Versions;
using EnvTool.Store.Errors;

namespace EnvTool.Resolve;

/// <summary>
/// The solver's view of an <see cref="Index.IPackageIndex"/>: project pages become candidate lists,
/// and core metadata (PEP 658 file or the wheel's own) is fetched only for versions the solver
/// actually tries, at most <see cref="ResolveRequest.Concurrency"/> at a time, each once.
/// </summary>
internal sealed class IndexProvider : ISolverProvider
{
    private sealed record VersionMetadata(string DisplayName, IReadOnlyList<Requirement> Requirements, string? UnavailableReason);

    private readonly ResolveRequest _request;
    private readonly SemaphoreSlim _throttle;
    private readonly ConcurrentDictionary<string, Lazy<Task<ProjectCandidates>>> _projects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, Pep440Version), Lazy<Task<VersionMetadata>>> _metadata = new();
    private readonly ConcurrentDictionary<SolverPackage, CandidateList> _candidateLists = new();
    private readonly IReadOnlyList<Requirement> _rootRequirements;
    private readonly IReadOnlyList<Requirement> _constraints;
    private readonly CancellationToken _cancellationToken;

    public IndexProvider(ResolveRequest request, CancellationToken cancellationToken)
    {
        _request = request;
        _cancellationToken = cancellationToken;
        _throttle = new SemaphoreSlim(Math.Max(1, request.Concurrency));
        _rootRequirements = request.Requirements.Where(r => Applies(r, null)).ToList();
        _constraints = request.Constraints.Where(r => Applies(r, null)).ToList();
        foreach (var r in _rootRequirements.Concat(_constraints))
            if (r.Url is not null)
                throw new EnvToolException($"'{r}' is a direct URL requirement, which the resolver does not support yet",
                    "require the package by name and version from an index or --find-links location");
    }

    /// <summary>Names the user asked for directly (markers applied).</summary>
    public IReadOnlySet<string> RequestedNames => _rootRequirements.Select(r => r.Name.Normalized).ToHashSet(StringComparer.Ordinal);

    /// <summary>{P not in C} for every constraint: P may be left out, but if selected it lies in C.</summary>
    public IEnumerable<Incompatibility> ConstraintIncompatibilities() =>
        _constraints.GroupBy(c => c.Name.Normalized, StringComparer.Ordinal)
            .Select(g => Incompatibility.Single(SolverPackage.Base(g.Key),
                Term.Is(g.Aggregate(VersionSet.Full, (set, c) => set.Intersect(VersionSet.From(c.Specifier))).Complement()),
                IncompatibilityKind.Constraint));

    private bool Applies(Requirement requirement, string? extra) =>
        requirement.Marker is null
        || requirement.Marker.Evaluate(_request.Target.Environment, extra is null ? null : new HashSet<string>(StringComparer.Ordinal) { extra });

    // ---- candidates ----------------------------------------------------------------------------------

    public async ValueTask<CandidateList> GetCandidatesAsync(SolverPackage package, CancellationToken cancellationToken)
    {
        if (_candidateLists.TryGetValue(package, out var cached)) return cached;
        CandidateList list;
        if (package.IsRoot)
            list = new CandidateList([new Candidate(Solver.RootVersion)]);
        else
        {
            var project = await GetProjectAsync(package.Name);
            // An extra carries no reasons of its own: it depends on its distribution at the same version,
            // which says why that version cannot be used.
            list = project.NotFound
                ? CandidateList.Missing
                : new CandidateList(
                    project.NewestFirst.Select(e => new Candidate(e.Version, package.Extra is null ? e.UnavailableReason : null)).ToList(),
                    Preferred: _request.Preferences.GetValueOrDefault(package.Name));
        }
        return _candidateLists.GetOrAdd(package, list);
    }

    public Task<ProjectCandidates> GetProjectAsync(string name) =>
        _projects.GetOrAdd(name, n => new Lazy<Task<ProjectCandidates>>(() => LoadProjectAsync(n))).Value;

    private async Task<ProjectCandidates> LoadProjectAsync(string name)
    {
        await _throttle.WaitAsync(_cancellationToken);
        Index.ProjectPage page;
        try { page = await _request.Index.GetProjectAsync(name, _cancellationToken); }
        finally { _throttle.Release(); }
        var pinned = _rootRequirements.Concat(_constraints).Where(r => r.Name.Normalized == name).ToList();
        return ProjectCandidates.From(page, _request.Target.Tags, _request.Target.PythonVersion,
            hasFinal => _request.Prereleases switch
            {
                PrereleaseMode.Allow => true,
                PrereleaseMode.Disallow => false,
                _ => !hasFinal || pinned.Any(r => r.Specifier.AllowsPrereleases),
            },
            version => pinned.Any(r => r.Specifier.Specifiers.Any(s => s.Operator is "==" or "===" && !s.Version.EndsWith(".*", StringComparison.Ordinal))
                                       && VersionSet.From(r.Specifier).Contains(version)));
    }

    // ---- dependencies ----------------------------------------------------------------------------------

    public async ValueTask<DependencyList> GetDependenciesAsync(SolverPackage package, Pep440Version version, CancellationToken cancellationToken)
    {
        if (package.IsRoot) return Dependencies(_rootRequirements, extra: null);
        var metadata = await GetMetadataAsync(package.Name, version);
        if (metadata.UnavailableReason is { } reason) return DependencyList.Unavailable(reason);
        if (package.Extra is not { } extra)
            return Dependencies(metadata.Requirements.Where(r => SafeApplies(r, null)), extra: null);
        // The extra's own requirements, plus its distribution at exactly this version.
        var own = Dependencies(metadata.Requirements.Where(r => r.Marker is { ReferencesExtra: true } && SafeApplies(r, extra)), extra);
        return new DependencyList([new(package.WithoutExtra, VersionSet.Exactly(version)), .. own.Dependencies]);
    }

    private bool SafeApplies(Requirement requirement, string? extra)
    {
        try { return Applies(requirement, extra); }
        catch (MarkerEvaluationException) { return false; }
    }

    private static DependencyList Dependencies(IEnumerable<Requirement> requirements, string? extra)
    {
        var result = new List<KeyValuePair<SolverPackage, VersionSet>>();
        void Add(SolverPackage p, VersionSet set)
        {
            int i = result.FindIndex(kv => kv.Key == p);
            if (i < 0) result.Add(new(p, set));
            else result[i] = new(p, result[i].Value.Intersect(set));
        }
        foreach (var r in requirements)
        {
            var set = VersionSet.From(r.Specifier);
            Add(SolverPackage.Base(r.Name.Normalized), set);
            foreach (var e in r.Extras) Add(new SolverPackage(r.Name.Normalized, Standards.Names.ExtraName.Normalize(e)), set);
        }
        return new DependencyList(result);
    }

    private Task<VersionMetadata> GetMetadataAsync(string name, Pep440Version version) =>
        _metadata.GetOrAdd((name, version), key => new Lazy<Task<VersionMetadata>>(() => LoadMetadataAsync(key.Item1, key.Item2))).Value;

    private async Task<VersionMetadata> LoadMetadataAsync(string name, Pep440Version version)
    {
        var project = await GetProjectAsync(name);
        var entry = project.Find(version) ?? throw new InvalidOperationException($"{name} {version} is not a candidate");
        var wheel = entry.Wheel ?? throw new InvalidOperationException($"{name} {version} has no wheel");
        byte[] bytes;
        await _throttle.WaitAsync(_cancellationToken);
        try { bytes = await _request.Index.GetCoreMetadataAsync(wheel, _cancellationToken); }
        finally { _throttle.Release(); }

        CoreMetadata metadata;
        try { metadata = CoreMetadata.Parse(TolerantUtf8.Decode(CoreMetadata.HeaderBlock(bytes)), wheel.FileName + " METADATA"); }
        catch (EnvToolException e) { return new VersionMetadata(name, [], $"has invalid metadata ({e.Message})"); }

        if (!entry.RequiresPythonChecked && metadata.RequiresPython is { } requiresPython
            && SpecifierSet.TryParse(requiresPython, out var set) && !set!.Contains(_request.Target.PythonVersion, prereleases: true))
            return new VersionMetadata(metadata.Name, [], ProjectCandidates.RequiresPythonReason(set, _request.Target.PythonVersion));

        var requirements = new List<Requirement>();
        foreach (var text in metadata.RequiresDist)
        {
            if (!Requirement.TryParse(text, out var requirement))
                return new VersionMetadata(metadata.Name, [], $"has an invalid requirement in its metadata: '{text}'");
            if (requirement!.Url is not null)
                return new VersionMetadata(metadata.Name, [], $"depends on a direct URL ('{text}'), which the resolver does not support yet");
            requirements.Add(requirement);
        }
        return new VersionMetadata(metadata.Name, requirements, null);
    }

    /// <summary>The project's name as its metadata spells it, when fetched.</summary>
    public string DisplayName(string name, Pep440Version version) =>
        _metadata.TryGetValue((name, version), out var lazy) && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result.DisplayName : name;

    public void Prefetch(SolverPackage package, VersionSet range)
    {
        if (package.IsRoot) return;
        _ = PrefetchAsync(package.Name, range);
    }

    private async Task PrefetchAsync(string name, VersionSet range)
    {
        try
        {
            var project = await GetProjectAsync(name);
            var preferred = _request.Preferences.GetValueOrDefault(name);
            var best = project.NewestFirst.FirstOrDefault(e => e.UnavailableReason is null && e.Version == preferred && range.Contains(e.Version))
                ?? project.NewestFirst.FirstOrDefault(e => e.UnavailableReason is null && range.Contains(e.Version));
            if (best is not null) await GetMetadataAsync(name, best.Version);
        }
        catch (Exception)
        {
            // Only a hint: the solver's own request for the same thing reports the failure.
        }
    }

    /// <summary>For "there is no version of P S": the pre-releases in S that the policy left out.</summary>
    public string? NoVersionsNote(SolverPackage package, VersionSet range)
    {
        if (!_projects.TryGetValue(package.Name, out var lazy) || !lazy.Value.IsCompletedSuccessfully) return null;
        var excluded = lazy.Value.Result.ExcludedPrereleases.Where(range.Contains).Select(v => v.ToString()).ToList();
        if (excluded.Count == 0) return null;
        var listed = string.Join(", ", excluded.Take(3)) + (excluded.Count > 3 ? ", ..." : "");
        return $"pre-releases were not considered: {listed}";
    }
}
