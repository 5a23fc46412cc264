using System.Text;
using EnvTool.Resolve.Ranges;

namespace EnvTool.Resolve.PubGrub;

/// <summary>
/// Turns the derivation tree of a terminal incompatibility into numbered English sentences, the way
/// pub and pubgrub-rs report failures: each derived fact is one "Because X and Y, Z." line; a fact
/// used more than once gets a number "(n)" and later lines refer to it instead of re-deriving it.
/// </summary>
internal sealed class ExplanationWriter
{
    private readonly Func<SolverPackage, VersionSet, string?> _noVersionsNote;
    private readonly Dictionary<Incompatibility, int> _references = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Incompatibility, int> _lineNumbers = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Text, int? Number)> _lines = [];

    /// <param name="noVersionsNote">An extra remark for "there is no version of P S" (e.g. which pre-releases were
    /// left out), or null.</param>
    public ExplanationWriter(Func<SolverPackage, VersionSet, string?>? noVersionsNote = null) =>
        _noVersionsNote = noVersionsNote ?? ((_, _) => null);

    public string Write(Incompatibility terminal)
    {
        terminal = new NoVersionsCollapser(_noVersionsNote).Collapse(terminal);
        if (!terminal.IsDerived) return $"Because {Describe(terminal)}, your requirements are unsatisfiable.";
        Count(terminal);
        Visit(terminal);
        bool anyNumbered = _lines.Any(l => l.Number is not null);
        var width = anyNumbered ? $"({_lines.Max(l => l.Number ?? 0)}) ".Length : 0;
        var sb = new StringBuilder();
        foreach (var (text, number) in _lines)
        {
            if (text.Length == 0)
            {
                sb.Append('\n');
                continue;
            }
            var prefix = number is { } n ? $"({n}) " : "";
            sb.Append(prefix.PadRight(width)).Append(text).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    private void Count(Incompatibility incompatibility)
    {
        _references[incompatibility] = _references.GetValueOrDefault(incompatibility) + 1;
        if (_references[incompatibility] == 1 && incompatibility.IsDerived)
        {
            Count(incompatibility.First!);
            Count(incompatibility.Second!);
        }
    }

    private void Visit(Incompatibility incompatibility, bool conclusion = false)
    {
        bool numbered = conclusion || _references[incompatibility] > 1;
        var text = Describe(incompatibility);
        var (first, second) = (incompatibility.First!, incompatibility.Second!);

        if (first.IsDerived && second.IsDerived)
        {
            var (firstLine, secondLine) = (LineOf(first), LineOf(second));
            if (firstLine is not null && secondLine is not null)
                Write(incompatibility, $"Because {Describe(first)} ({firstLine}) and {Describe(second)} ({secondLine}), {text}.", numbered);
            else if (firstLine is not null || secondLine is not null)
            {
                var (withLine, withoutLine, line) = firstLine is not null ? (first, second, firstLine) : (second, first, secondLine);
                Visit(withoutLine);
                Write(incompatibility, $"And because {Describe(withLine)} ({line}), {text}.", numbered);
            }
            else if (IsSingleLine(first) || IsSingleLine(second))
            {
                var (complex, simple) = IsSingleLine(second) ? (first, second) : (second, first);
                Visit(complex);
                Visit(simple);
                Write(incompatibility, $"Thus, {text}.", numbered);
            }
            else
            {
                Visit(first, conclusion: true);
                _lines.Add(("", null));
                Visit(second);
                Write(incompatibility, $"And because {Describe(first)} ({LineOf(first)}), {text}.", numbered);
            }
        }
        else if (first.IsDerived || second.IsDerived)
        {
            var (derived, external) = first.IsDerived ? (first, second) : (second, first);
            if (LineOf(derived) is { } line)
                Write(incompatibility, $"Because {Describe(external)} and {Describe(derived)} ({line}), {text}.", numbered);
            else if (IsCollapsible(derived))
            {
                var (innerDerived, innerExternal) = derived.First!.IsDerived ? (derived.First!, derived.Second!) : (derived.Second!, derived.First!);
                Visit(innerDerived);
                Write(incompatibility, $"And because {Both(innerExternal, external)}, {text}.", numbered);
            }
            else
            {
                Visit(derived);
                Write(incompatibility, $"And because {Describe(external)}, {text}.", numbered);
            }
        }
        else
            Write(incompatibility, $"Because {Both(first, second)}, {text}.", numbered);
    }

    /// <summary>"X and Y", saying "you require a and b" rather than "you require a and you require b".</summary>
    private string Both(Incompatibility first, Incompatibility second) =>
        IsRootRequirement(first) && IsRootRequirement(second)
            ? $"{Describe(first)} and {Requirement(second)}"
            : $"{Describe(first)} and {Describe(second)}";

    private static bool IsRootRequirement(Incompatibility incompatibility) =>
        incompatibility.Kind == IncompatibilityKind.Dependency && incompatibility.Terms[0].Key.IsRoot;

    private static string Requirement(Incompatibility dependency) =>
        dependency.Terms[1].Value.Set.Describe(dependency.Terms[1].Key.ToString());

    private int? LineOf(Incompatibility incompatibility) =>
        _lineNumbers.TryGetValue(incompatibility, out var n) ? n : null;

    private static bool IsSingleLine(Incompatibility incompatibility) =>
        !incompatibility.First!.IsDerived && !incompatibility.Second!.IsDerived;

    /// <summary>A derived fact with one derived and one external cause, used once and not yet numbered,
    /// can be folded into its parent's sentence.</summary>
    private bool IsCollapsible(Incompatibility incompatibility)
    {
        if (_references[incompatibility] > 1) return false;
        var (first, second) = (incompatibility.First!, incompatibility.Second!);
        if (first.IsDerived == second.IsDerived) return false;
        var complex = first.IsDerived ? first : second;
        return LineOf(complex) is null;
    }

    private void Write(Incompatibility incompatibility, string text, bool numbered)
    {
        if (numbered)
        {
            var number = _lineNumbers.Count + 1;
            _lineNumbers[incompatibility] = number;
            _lines.Add((text, number));
        }
        else
            _lines.Add((text, null));
    }

    // ---- one incompatibility as a phrase ---------------------------------------------------------

    private string Describe(Incompatibility incompatibility)
    {
        var terms = incompatibility.Terms;
        switch (incompatibility.Kind)
        {
            case IncompatibilityKind.Root:
                return "your requirements must be met";
            case IncompatibilityKind.Dependency:
            {
                var (depender, dependency) = (terms[0], terms[1]);
                var target = Requirement(incompatibility);
                return depender.Key.IsRoot ? $"you require {target}" : $"{Name(depender)} depends on {target}";
            }
            case IncompatibilityKind.NoVersions:
            {
                var (package, term) = (terms[0].Key, terms[0].Value);
                var note = _noVersionsNote(package, term.Set);
                return $"there is no version of {Name(terms[0])}" + (note is null ? "" : $" ({note})");
            }
            case IncompatibilityKind.NotFound:
                return $"{terms[0].Key} is not available from the configured sources";
            case IncompatibilityKind.Unavailable:
                return $"{Name(terms[0])} {incompatibility.Reason}";
            case IncompatibilityKind.Constraint:
                return $"your constraints allow only {terms[0].Value.Set.Complement().Describe(terms[0].Key.ToString())}";
            default:
                return DescribeDerived(terms);
        }
    }

    private static string DescribeDerived(IReadOnlyList<KeyValuePair<SolverPackage, Term>> terms)
    {
        // The root is always selected, so "the root and X cannot both hold" just says "X cannot hold".
        var positive = terms.Where(t => t.Value.Positive && !t.Key.IsRoot).Select(Name).ToList();
        var negative = terms.Where(t => !t.Value.Positive).Select(Name).ToList();
        if (positive.Count == 0 && negative.Count == 0) return "your requirements are unsatisfiable";
        if (negative.Count == 0)
            return positive.Count == 1 ? $"{positive[0]} cannot be used" : $"{JoinAnd(positive)} are incompatible";
        if (positive.Count == 0)
            return negative.Count == 1 ? $"{negative[0]} is required" : $"one of {JoinOr(negative)} is required";
        return positive.Count == 1
            ? $"{positive[0]} requires {JoinOr(negative)}"
            : $"if {JoinAnd(positive)} are used, then {JoinOr(negative)} is required";
    }

    private static string Name(KeyValuePair<SolverPackage, Term> term) => term.Value.Set.Describe(term.Key.ToString());

    private static string JoinAnd(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];

    private static string JoinOr(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    /// <summary>
    /// "There is no version of P in R" adds a line but no insight: a fact derived from it and another
    /// external fact about P is replaced by that other fact with R folded into its range (as
    /// pubgrub-rs's report does), e.g. "a==1.0 depends on b" and "there is no version of a!=1.0"
    /// become "a depends on b". Versions in R do not exist, so the merged fact says the same.
    /// </summary>
    /// A fact with a remark (pre-releases left out) is kept: the remark is the insight.
    private sealed class NoVersionsCollapser(Func<SolverPackage, VersionSet, string?> noVersionsNote)
    {
        private readonly Dictionary<Incompatibility, Incompatibility> _done = new(ReferenceEqualityComparer.Instance);

        public Incompatibility Collapse(Incompatibility incompatibility)
        {
            if (!incompatibility.IsDerived) return incompatibility;
            if (_done.TryGetValue(incompatibility, out var known)) return known;
            var (first, second) = (incompatibility.First!, incompatibility.Second!);
            Incompatibility result;
            if (IsPlainNoVersions(first) && Merge(Collapse(second), first) is { } merged)
                result = merged;
            else if (IsPlainNoVersions(second) && Merge(Collapse(first), second) is { } merged2)
                result = merged2;
            else
                result = new Incompatibility(incompatibility.Terms, IncompatibilityKind.Conflict, first: Collapse(first), second: Collapse(second));
            return _done[incompatibility] = result;
        }

        private bool IsPlainNoVersions(Incompatibility incompatibility) =>
            incompatibility.Kind == IncompatibilityKind.NoVersions
            && noVersionsNote(incompatibility.Terms[0].Key, incompatibility.Terms[0].Value.Set) is null;

        private static Incompatibility? Merge(Incompatibility other, Incompatibility noVersions) =>
            Widen(other, noVersions.Terms[0].Key, noVersions.Terms[0].Value.Set);

        /// <summary>The fact with <paramref name="package"/>'s range grown by versions that do not exist; for a derived
        /// fact, its causes are widened the same way so the sentences stay consistent. Null when it cannot be.</summary>
        private static Incompatibility? Widen(Incompatibility other, SolverPackage package, VersionSet missing)
        {
            if (other.Kind is not (IncompatibilityKind.Dependency or IncompatibilityKind.NoVersions
                or IncompatibilityKind.Unavailable or IncompatibilityKind.Conflict))
                return null;
            // "P depends on Q" widens on P's side only: on Q's side "there is no version" is the news.
            if (other.Kind == IncompatibilityKind.Dependency && other.Terms[0].Key != package) return null;
            if (other.TermFor(package) is not { Positive: true } term) return null;
            var widened = other.Terms.Select(t => t.Key == package ? new KeyValuePair<SolverPackage, Term>(package, Term.Is(term.Set.Union(missing))) : t).ToList();
            if (!other.IsDerived) return new Incompatibility(widened, other.Kind, other.Reason);
            return new Incompatibility(widened, IncompatibilityKind.Conflict,
                first: Widen(other.First!, package, missing) ?? other.First,
                second: Widen(other.Second!, package, missing) ?? other.Second);
        }
    }
}
