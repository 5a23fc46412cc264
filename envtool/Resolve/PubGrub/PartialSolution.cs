using EnvTool.Standards.Versions;

namespace EnvTool.Resolve.PubGrub;

/// <summary>One step of the partial solution: a decision (Cause null) or a derivation from Cause.</summary>
internal sealed record Assignment(SolverPackage Package, Term Term, int Level, int Index, Incompatibility? Cause, Pep440Version? Decided)
{
    public bool IsDecision => Cause is null;
}

/// <summary>
/// PubGrub's partial solution: the ordered decisions and derivations so far, with each package's
/// terms intersected for quick relation checks.
/// </summary>
internal sealed class PartialSolution
{
    private sealed class PackageState
    {
        public List<Assignment> History { get; } = [];
        public Term Accumulated { get; set; } = Term.Any;
        public Pep440Version? Decision { get; set; }
        public int FirstSeen { get; init; }
    }

    private readonly List<Assignment> _assignments = [];
    private readonly Dictionary<SolverPackage, PackageState> _packages = [];
    private int _seen;

    public int Level { get; private set; }

    public IReadOnlyList<Assignment> History(SolverPackage package) =>
        _packages.TryGetValue(package, out var s) ? s.History : [];

    public Term Accumulated(SolverPackage package) =>
        _packages.TryGetValue(package, out var s) ? s.Accumulated : Term.Any;

    public void Decide(SolverPackage package, Pep440Version version)
    {
        Level++;
        Add(package, Term.Is(Ranges.VersionSet.Exactly(version)), null, version);
    }

    public void Derive(SolverPackage package, Term term, Incompatibility cause) => Add(package, term, cause, null);

    private void Add(SolverPackage package, Term term, Incompatibility? cause, Pep440Version? decided)
    {
        var assignment = new Assignment(package, term, Level, _assignments.Count, cause, decided);
        _assignments.Add(assignment);
        if (!_packages.TryGetValue(package, out var state))
            _packages[package] = state = new PackageState { FirstSeen = _seen++ };
        state.History.Add(assignment);
        state.Accumulated = state.Accumulated.Intersect(term);
        if (decided is not null) state.Decision = decided;
    }

    /// <summary>Removes every assignment made after decision level <paramref name="level"/>.</summary>
    public void Backtrack(int level)
    {
        while (_assignments.Count > 0 && _assignments[^1].Level > level)
            _assignments.RemoveAt(_assignments.Count - 1);
        Level = level;
        foreach (var (package, state) in _packages.ToList())
        {
            state.History.RemoveAll(a => a.Level > level);
            if (state.History.Count == 0)
            {
                _packages.Remove(package);
                continue;
            }
            state.Accumulated = Term.Any;
            state.Decision = null;
            foreach (var a in state.History)
            {
                state.Accumulated = state.Accumulated.Intersect(a.Term);
                if (a.Decided is not null) state.Decision = a.Decided;
            }
        }
    }

    public Relation RelationTo(SolverPackage package, Term term)
    {
        var accumulated = Accumulated(package);
        if (accumulated.IsSubsetOf(term)) return Relation.Satisfied;
        if (accumulated.IsDisjointFrom(term)) return Relation.Contradicted;
        return Relation.Inconclusive;
    }

    /// <summary>Packages that must be selected but have no version decided yet, in the order they were first mentioned.</summary>
    public IEnumerable<(SolverPackage Package, Term Term)> Undecided() =>
        _packages.Where(p => p.Value.Decision is null && p.Value.Accumulated.Positive)
            .OrderBy(p => p.Value.FirstSeen)
            .Select(p => (p.Key, p.Value.Accumulated));

    /// <summary>Every decided package and its version.</summary>
    public IEnumerable<(SolverPackage Package, Pep440Version Version)> Decisions() =>
        _packages.Where(p => p.Value.Decision is not null).Select(p => (p.Key, p.Value.Decision!));
}

internal enum Relation { Satisfied, Contradicted, Inconclusive }
