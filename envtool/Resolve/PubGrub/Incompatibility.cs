using EnvTool.Resolve.Ranges;

namespace EnvTool.Resolve.PubGrub;

/// <summary>Why an incompatibility holds: a fact from the outside world, or derived from two others.</summary>
internal enum IncompatibilityKind
{
    /// <summary>{not root}: the user's requirements must be met.</summary>
    Root,
    /// <summary>{P in S, not Q in R}: P at S depends on Q at R.</summary>
    Dependency,
    /// <summary>{P in S}: no candidate version lies in S.</summary>
    NoVersions,
    /// <summary>{P}: no configured source knows the project.</summary>
    NotFound,
    /// <summary>{P in S}: the versions exist but cannot be used (see Reason).</summary>
    Unavailable,
    /// <summary>{P not in C}: a constraint (-c) limits P to C.</summary>
    Constraint,
    /// <summary>Derived by resolution from First and Second.</summary>
    Conflict,
}

/// <summary>
/// A set of terms that cannot all be true at once (PubGrub's only kind of fact). At most one term
/// per package; terms keep the order they were given in, which explanations follow.
/// </summary>
internal sealed class Incompatibility
{
    private readonly List<KeyValuePair<SolverPackage, Term>> _terms;

    public Incompatibility(IEnumerable<KeyValuePair<SolverPackage, Term>> terms, IncompatibilityKind kind,
        string? reason = null, Incompatibility? first = null, Incompatibility? second = null)
    {
        _terms = [];
        foreach (var (package, term) in terms)
        {
            int i = _terms.FindIndex(t => t.Key == package);
            if (i < 0) _terms.Add(new(package, term));
            else _terms[i] = new(package, _terms[i].Value.Intersect(term));
        }
        Kind = kind;
        Reason = reason;
        First = first;
        Second = second;
    }

    public IReadOnlyList<KeyValuePair<SolverPackage, Term>> Terms => _terms;
    public IncompatibilityKind Kind { get; }
    /// <summary>For <see cref="IncompatibilityKind.Unavailable"/>: why, as a phrase after the package ("requires Python &gt;=3.12, ...").</summary>
    public string? Reason { get; }
    public Incompatibility? First { get; }
    public Incompatibility? Second { get; }

    public bool IsDerived => Kind == IncompatibilityKind.Conflict;

    public Term? TermFor(SolverPackage package)
    {
        foreach (var (p, t) in _terms)
            if (p == package) return t;
        return null;
    }

    /// <summary>No solution can exist: nothing is left, or only "the root is selected" is.</summary>
    public bool IsTerminal => _terms.Count == 0 || (_terms.Count == 1 && _terms[0].Key.IsRoot && _terms[0].Value.Positive);

    public static Incompatibility Dependency(SolverPackage depender, VersionSet versions, SolverPackage dependency, VersionSet range) =>
        new([new(depender, Term.Is(versions)), new(dependency, Term.IsNot(range))], IncompatibilityKind.Dependency);

    public static Incompatibility Single(SolverPackage package, Term term, IncompatibilityKind kind, string? reason = null) =>
        new([new(package, term)], kind, reason);

    public override string ToString() =>
        $"{Kind}{{{string.Join(", ", _terms.Select(t => (t.Value.Positive ? "" : "not ") + t.Value.Set.Describe(t.Key.ToString())))}}}";
}
