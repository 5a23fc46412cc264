using EnvTool.Resolve.Ranges;
using EnvTool.Standards.Versions;

namespace EnvTool.Resolve.PubGrub;

/// <summary>
/// The PubGrub algorithm (Natalie Weizenbaum's design for Dart's pub): unit propagation over
/// incompatibilities, one decision at a time, and conflict-driven backjumping that learns a new
/// incompatibility from each conflict. When no solution exists, the terminal incompatibility's
/// derivation tree is the proof the explanation is written from.
/// <para>
/// Decisions: the undecided package with the fewest candidate versions left in its range goes first
/// (ties: the package mentioned first), so forced choices and dead ends surface early; its version
/// is the preferred one when that lies in range, else the newest in range.
/// </para>
/// </summary>
internal sealed class Solver
{
    public static readonly Pep440Version RootVersion = Pep440Version.Parse("0");

    private readonly ISolverProvider _provider;
    private readonly PartialSolution _solution = new();
    private readonly Dictionary<SolverPackage, List<Incompatibility>> _incompatibilities = [];

    public Solver(ISolverProvider provider, IEnumerable<Incompatibility> initial)
    {
        _provider = provider;
        AddIncompatibility(Incompatibility.Single(SolverPackage.Root, Term.IsNot(VersionSet.Exactly(RootVersion)), IncompatibilityKind.Root));
        foreach (var incompatibility in initial) AddIncompatibility(incompatibility);
    }

    /// <summary>The chosen version of every selected package (the root excluded); throws <see cref="NoSolutionException"/>.</summary>
    public async Task<IReadOnlyDictionary<SolverPackage, Pep440Version>> SolveAsync(CancellationToken cancellationToken)
    {
        var next = SolverPackage.Root;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Propagate(next);
            var chosen = await DecideAsync(cancellationToken);
            if (chosen is null)
                return _solution.Decisions().Where(d => !d.Package.IsRoot).ToDictionary(d => d.Package, d => d.Version);
            next = chosen;
        }
    }

    private void AddIncompatibility(Incompatibility incompatibility)
    {
        foreach (var (package, _) in incompatibility.Terms)
        {
            if (!_incompatibilities.TryGetValue(package, out var list))
                _incompatibilities[package] = list = [];
            list.Add(incompatibility);
        }
    }

    private void Propagate(SolverPackage start)
    {
        var changed = new Queue<SolverPackage>();
        var queued = new HashSet<SolverPackage>();
        changed.Enqueue(start);
        queued.Add(start);
        while (changed.TryDequeue(out var package))
        {
            queued.Remove(package);
            if (!_incompatibilities.TryGetValue(package, out var list)) continue;
            // Newest first: learned incompatibilities are the most specific.
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var incompatibility = list[i];
                var (relation, unsatisfied) = RelationOf(incompatibility);
                if (relation == IncompatibilityRelation.Satisfied)
                {
                    var rootCause = ResolveConflict(incompatibility);
                    var (_, pending) = RelationOf(rootCause);
                    _solution.Derive(pending!, rootCause.TermFor(pending!)!.Value.Negate(), rootCause);
                    changed.Clear();
                    queued.Clear();
                    changed.Enqueue(pending!);
                    queued.Add(pending!);
                    break;
                }
                if (relation == IncompatibilityRelation.AlmostSatisfied)
                {
                    _solution.Derive(unsatisfied!, incompatibility.TermFor(unsatisfied!)!.Value.Negate(), incompatibility);
                    if (queued.Add(unsatisfied!)) changed.Enqueue(unsatisfied!);
                }
            }
        }
    }

    private enum IncompatibilityRelation { Satisfied, AlmostSatisfied, Contradicted, Inconclusive }

    private (IncompatibilityRelation, SolverPackage?) RelationOf(Incompatibility incompatibility)
    {
        SolverPackage? unsatisfied = null;
        foreach (var (package, term) in incompatibility.Terms)
        {
            switch (_solution.RelationTo(package, term))
            {
                case Relation.Contradicted:
                    return (IncompatibilityRelation.Contradicted, null);
                case Relation.Inconclusive:
                    if (unsatisfied is not null) return (IncompatibilityRelation.Inconclusive, null);
                    unsatisfied = package;
                    break;
            }
        }
        return unsatisfied is null ? (IncompatibilityRelation.Satisfied, null) : (IncompatibilityRelation.AlmostSatisfied, unsatisfied);
    }

    /// <summary>
    /// Walks back from a satisfied incompatibility to the decision that caused it, learning the prior
    /// cause at each step, then backjumps so the learned incompatibility is almost satisfied.
    /// </summary>
    private Incompatibility ResolveConflict(Incompatibility incompatibility)
    {
        bool learned = false;
        while (true)
        {
            if (incompatibility.IsTerminal) throw new NoSolutionException(incompatibility);
            var (satisfier, previousLevel) = FindSatisfier(incompatibility);
            if (satisfier.IsDecision || previousLevel < satisfier.Level)
            {
                if (learned) AddIncompatibility(incompatibility);
                _solution.Backtrack(previousLevel);
                return incompatibility;
            }
            incompatibility = PriorCause(incompatibility, satisfier.Cause!, satisfier.Package);
            learned = true;
        }
    }

    /// <summary>
    /// The earliest assignment after which the incompatibility is satisfied, and the decision level
    /// at which everything but that assignment already satisfied it.
    /// </summary>
    private (Assignment Satisfier, int PreviousLevel) FindSatisfier(Incompatibility incompatibility)
    {
        var earliest = new List<Assignment>(incompatibility.Terms.Count);
        Assignment? satisfier = null;
        foreach (var (package, term) in incompatibility.Terms)
        {
            var found = EarliestSatisfying(package, term, Term.Any, int.MaxValue)
                ?? throw new InvalidOperationException($"incompatibility {incompatibility} is not satisfied");
            earliest.Add(found);
            if (satisfier is null || found.Index > satisfier.Index) satisfier = found;
        }
        // Level 1 holds the root decision, which is never undone.
        int previous = 1;
        foreach (var a in earliest)
            if (a.Package != satisfier!.Package) previous = Math.Max(previous, a.Level);
        var satisfierTerm = incompatibility.TermFor(satisfier!.Package)!.Value;
        if (!satisfier.Term.IsSubsetOf(satisfierTerm)
            && EarliestSatisfying(satisfier.Package, satisfierTerm, satisfier.Term, satisfier.Index) is { } before)
            previous = Math.Max(previous, before.Level);
        return (satisfier, previous);
    }

    /// <summary>The first assignment to <paramref name="package"/> (before index <paramref name="limit"/>) after which
    /// the package's terms, intersected with <paramref name="start"/>, imply <paramref name="term"/>.</summary>
    private Assignment? EarliestSatisfying(SolverPackage package, Term term, Term start, int limit)
    {
        var accumulated = start;
        foreach (var a in _solution.History(package))
        {
            if (a.Index >= limit) break;
            accumulated = accumulated.Intersect(a.Term);
            if (accumulated.IsSubsetOf(term)) return a;
        }
        return null;
    }

    /// <summary>The resolution rule: what follows from both incompatibilities once <paramref name="package"/> is eliminated.</summary>
    private static Incompatibility PriorCause(Incompatibility incompatibility, Incompatibility cause, SolverPackage package)
    {
        var terms = new List<KeyValuePair<SolverPackage, Term>>();
        foreach (var t in incompatibility.Terms)
            if (t.Key != package) terms.Add(t);
        foreach (var t in cause.Terms)
            if (t.Key != package) terms.Add(t);
        var union = incompatibility.TermFor(package)!.Value.Union(cause.TermFor(package)!.Value);
        if (!union.IsAny) terms.Add(new(package, union));
        return new Incompatibility(terms, IncompatibilityKind.Conflict, first: incompatibility, second: cause);
    }

    /// <summary>Picks the next package and version; null when every selected package has a version.</summary>
    private async Task<SolverPackage?> DecideAsync(CancellationToken cancellationToken)
    {
        var undecided = _solution.Undecided().ToList();
        if (undecided.Count == 0) return null;

        var lists = await Task.WhenAll(undecided.Select(u => _provider.GetCandidatesAsync(u.Package, cancellationToken).AsTask()));
        int best = 0, bestCount = int.MaxValue;
        for (int i = 0; i < undecided.Count; i++)
        {
            int count = lists[i].NewestFirst.Count(c => undecided[i].Term.Set.Contains(c.Version));
            if (count < bestCount) (best, bestCount) = (i, count);
        }
        var (package, accumulated) = undecided[best];
        var range = accumulated.Set;
        var candidates = lists[best];

        if (candidates.NotFound)
        {
            AddIncompatibility(Incompatibility.Single(package, Term.Is(VersionSet.Full), IncompatibilityKind.NotFound));
            return package;
        }
        var pick = Pick(candidates, range);
        if (pick is null)
        {
            AddIncompatibility(Incompatibility.Single(package, Term.Is(range), IncompatibilityKind.NoVersions));
            return package;
        }
        if (pick.UnavailableReason is { } reason)
        {
            AddIncompatibility(Incompatibility.Single(package, Term.Is(UnavailableRun(candidates, pick)), IncompatibilityKind.Unavailable, reason));
            return package;
        }

        var version = pick.Version;
        var dependencies = await _provider.GetDependenciesAsync(package, version, cancellationToken);
        if (dependencies.UnavailableReason is { } why)
        {
            AddIncompatibility(Incompatibility.Single(package, Term.Is(VersionSet.Exactly(version)), IncompatibilityKind.Unavailable, why));
            return package;
        }

        bool conflict = false;
        var self = VersionSet.Exactly(version);
        foreach (var (dependency, dependencyRange) in dependencies.Dependencies)
        {
            if (dependency == package) continue;
            var incompatibility = MergeWithSameDependency(package, self, dependency, dependencyRange, candidates);
            // Deciding would satisfy this incompatibility at once: let propagation exclude the version instead.
            conflict |= _solution.RelationTo(dependency, Term.IsNot(dependencyRange)) == Relation.Satisfied;
            _provider.Prefetch(dependency, dependencyRange.Intersect(_solution.Accumulated(dependency) is { Positive: true } t ? t.Set : VersionSet.Full));
        }
        if (!conflict) _solution.Decide(package, version);
        return package;
    }

    /// <summary>
    /// Adds "P at this version depends on Q at R", merged with the same fact about other versions of P
    /// ("a==1 depends on b" and "a==2 depends on b" say "a&gt;=1,&lt;=2 depends on b" when no candidate lies
    /// between them), as pubgrub-rs does: fewer, broader facts make shorter searches and explanations.
    /// </summary>
    private Incompatibility MergeWithSameDependency(SolverPackage package, VersionSet versions, SolverPackage dependency,
        VersionSet range, CandidateList candidates)
    {
        if (_incompatibilities.TryGetValue(package, out var list))
        {
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var old = list[i];
                if (old.Kind != IncompatibilityKind.Dependency || old.Terms[0].Key != package || old.Terms[1].Key != dependency
                    || !old.Terms[1].Value.Set.Equals(range))
                    continue;
                var merged = Incompatibility.Dependency(package, FillGaps(old.Terms[0].Value.Set.Union(versions), candidates), dependency, range);
                list[i] = merged;
                var other = _incompatibilities[dependency];
                other[other.FindIndex(x => ReferenceEquals(x, old))] = merged;
                return merged;
            }
        }
        var incompatibility = Incompatibility.Dependency(package, versions, dependency, range);
        AddIncompatibility(incompatibility);
        return incompatibility;
    }

    /// <summary>Closes the holes of a set that hold no candidate.</summary>
    private static VersionSet FillGaps(VersionSet set, CandidateList candidates)
    {
        foreach (var gap in set.Complement().Intervals)
        {
            if (gap.Lower is null || gap.Upper is null) continue;
            if (!candidates.NewestFirst.Any(c => gap.Contains(c.Version)))
                set = set.Union(VersionSet.Between(gap.Lower, gap.Upper));
        }
        return set;
    }

    private static Candidate? Pick(CandidateList candidates, VersionSet range)
    {
        if (candidates.Preferred is { } preferred && range.Contains(preferred))
            foreach (var c in candidates.NewestFirst)
                if (c.Version == preferred) return c;
        foreach (var c in candidates.NewestFirst)
            if (range.Contains(c.Version)) return c;
        return null;
    }

    /// <summary>
    /// The versions around an unavailable pick that are unavailable for the same reason, as one range:
    /// one incompatibility (and one line of explanation) instead of one per version.
    /// </summary>
    private static VersionSet UnavailableRun(CandidateList candidates, Candidate pick)
    {
        var list = candidates.NewestFirst;
        int at = -1;
        for (int i = 0; i < list.Count; i++)
            if (ReferenceEquals(list[i], pick)) at = i;
        int newest = at, oldest = at;
        while (newest > 0 && list[newest - 1].UnavailableReason == pick.UnavailableReason) newest--;
        while (oldest < list.Count - 1 && list[oldest + 1].UnavailableReason == pick.UnavailableReason) oldest++;
        return newest == oldest
            ? VersionSet.Exactly(pick.Version)
            : VersionSet.Between(VersionCut.Before(list[oldest].Version), VersionCut.After(list[newest].Version));
    }
}
