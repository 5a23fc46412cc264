using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Requirements;

/// <summary>
/// The exact cases where the packaging vendored in an older pip answers differently from current
/// packaging (which envtool follows), each with the change that made the difference. A case is
/// left out of the comparison with that packaging release only; every reason is counted in the
/// test output.
/// </summary>
internal static class OldPackagingDifferences
{
    private static readonly Version V19 = new(19, 0), V22 = new(22, 0), V25 = new(25, 0), V26 = new(26, 0), V26_1 = new(26, 1), V26_3 = new(26, 3);

    private static readonly HashSet<string> VersionVariables =
        ["implementation_version", "platform_release", "python_full_version", "python_version"];

    /// <summary>Why the marker cannot be compared at all with this packaging, or null.</summary>
    public static string? MarkerCase(Version packaging, GeneratedMarker marker)
    {
        if (packaging < V25 && marker.UsesSetVariable)
            return "'extras'/'dependency_groups' variables arrived in packaging 25.0 (#888)";
        if (packaging < V22 && (marker.Mutated || marker.OddNotInSpacing))
            return "packaging < 22.0 parsed markers with pyparsing: other whitespace and word-boundary rules (rewritten in 22.0)";
        return null;
    }

    /// <summary>Why the printed form of a valid marker cannot be compared, or null.</summary>
    public static string? MarkerPrinting(Version packaging, GeneratedMarker marker, Marker parsed)
    {
        if (packaging < V26_3 && marker.QuoteInValue)
            return "values holding a quote were printed in double quotes regardless until 26.3 (#1213)";
        if (packaging < V26_3 && marker.NonNormalizedExtraLiteral)
            return "extra literals were normalized only in the first clause (22.0), all top-level ones (26.0, #1024), nested ones in 26.3 (#1246)";
        if (packaging < V26_3 && marker.NonNormalizedSetLiteral)
            return "names compared with 'extras'/'dependency_groups' are printed normalized since 26.3 (#1310)";
        if (packaging < V26_3 && HasRedundantNestedGroup(parsed.Expression, outermost: true))
            return "a doubly parenthesized nested group lost its parentheses when printed until 26.3 (#1316)";
        return null;
    }

    /// <summary>Why the requirement cannot be compared at all with this packaging, or null.</summary>
    public static string? RequirementCase(Version packaging, GeneratedRequirement requirement)
    {
        if (packaging >= V22 && requirement.TrailingComma)
            // Not an old-release difference: packaging >= 22.0 drops an empty clause ("foo>=1,");
            // the PEP 508 grammar has none, and envtool refuses it.
            return "packaging >= 22.0 accepts a trailing ',' after the specifiers; the PEP 508 grammar does not";
        if (packaging < V22 && (requirement.Mutated || (requirement.HasUrl && requirement.HasTab) || requirement.TrailingComma || requirement.EmptyParentheses))
            return "packaging < 22.0 parsed requirements with pyparsing: other whitespace, ',' and '()' rules (rewritten in 22.0)";
        if (packaging < V22 && requirement.ArbitraryEquality)
            return "packaging < 22.0 (pyparsing) could not tokenize '===' clauses followed by more text";
        if (packaging < V22 && requirement.NonPep440Specifier)
            return "packaging < 22.0 accepted LegacySpecifier clauses such as '>=abc' (removed in 22.0)";
        if (packaging < V22 && requirement.RelativeOrOddUrl)
            return "packaging < 22.0 required a URL with a scheme and host, or a file: URL that round-trips (dropped in 22.0)";
        if (packaging < V19 && requirement.HasUrl && requirement.Text.Contains("file:"))
            return "packaging < 19.0 required a host even in file: URLs";
        return requirement.Marker is null ? null : MarkerCase(packaging, requirement.Marker);
    }

    /// <summary>
    /// Not an old-release difference: packaging's tokenizer ends names on a regex \b, which counts
    /// '_' as a word character, so since 22.0 it takes "foo_"; PEP 508's grammar and the
    /// core-metadata name rule require a final letter or digit, which envtool enforces.
    /// </summary>
    public static string? RequirementRejection(Version packaging, string ourProblem) =>
        packaging >= V22 && (ourProblem.StartsWith("invalid package name '", StringComparison.Ordinal)
                             || ourProblem.StartsWith("invalid extra name '", StringComparison.Ordinal))
                         && ourProblem.Contains("_': a name must", StringComparison.Ordinal)
            ? "packaging >= 22.0 accepts a name or extra ending in '_'; the PEP 508 grammar does not"
            : null;

    /// <summary>Why the printed requirement cannot be compared, or null (its marker is checked separately).</summary>
    public static string? RequirementPrinting(Version packaging, GeneratedRequirement requirement) =>
        packaging < V26 && requirement.HasUrl ? "packaging < 26.0 printed 'name@ url' without a space before '@' (#953)"
        : packaging < V26_1 && requirement.EqualClausesSpelledDifferently
            ? "of two equal clauses ('>=v1.0', '>=1.0') packaging < 26.1 kept the first written, now the first sorted (#1109)"
        : null;

    /// <summary>Why one evaluation result cannot be compared, or null.</summary>
    public static string? MarkerResult(Version packaging, GeneratedMarker generated, Marker marker, MarkerEnvironment environment, string extra)
    {
        if (packaging < V22 && marker.ReferencesExtra && (generated.NonNormalizedExtraLiteral || extra != PackageName.Normalize(extra)))
            return "packaging < 22.0 compared extras without PEP 685 normalization";
        foreach (var clause in Clauses(marker.Expression))
        {
            if (clause.Left.IsVariable == clause.Right.IsVariable) continue;
            var variable = clause.Left.IsVariable ? clause.Left.Text : clause.Right.Text;
            if (variable is "extras" or "dependency_groups") continue;
            var value = variable == "extra" ? extra : environment.Get(variable)!;
            var lhs = clause.Left.IsVariable ? value : clause.Left.Text;
            var rhs = clause.Left.IsVariable ? clause.Right.Text : value;
            if (clause.Operator is MarkerOperator.In or MarkerOperator.NotIn) continue;
            var unnormalized = !IsNormalVersionText(rhs.Trim().EndsWith(".*") ? rhs.Trim()[..^2] : rhs.Trim());
            if (packaging < V26_3 && clause.Operator == MarkerOperator.Compatible && unnormalized)
                return "packaging < 26.3 built the '~=' prefix from the unnormalized text ('v3.8', '03.011') (#1120)";
            if (packaging < V22 && clause.Operator is MarkerOperator.Equal or MarkerOperator.NotEqual && rhs.TrimEnd().EndsWith(".*") && unnormalized)
                return "packaging < 22.0 matched '==X.*' against the unnormalized text (#561)";
            if (packaging >= V26) continue;
            var specifierValid = Specifier.TryParse(clause.Operator.Text() + rhs, out _);
            var versionVariable = VersionVariables.Contains(variable);
            if (!versionVariable && specifierValid)
                return "packaging < 26.0 compared every variable as a version when the value allowed it (#939)";
            if (!specifierValid && clause.Operator is MarkerOperator.LessThan or MarkerOperator.LessThanOrEqual
                    or MarkerOperator.GreaterThan or MarkerOperator.GreaterThanOrEqual)
                return "packaging < 26.0 ordered non-version strings like Python strings; now ordering is false (#939)";
            if (packaging < V22 && specifierValid && Pep440Version.TryParse(lhs, out var version) && version!.IsPrerelease)
                return "packaging < 22.0 matched marker versions without prereleases=True, so pre-release Pythons never matched";
            if (packaging >= V22 && versionVariable && specifierValid
                && !Pep440Version.TryParse(lhs, out _))
                return "packaging 22.0-25.x raised InvalidVersion for a non-version value; 26.0 returns false";
        }
        return null;
    }

    private static bool IsNormalVersionText(string text) =>
        !Pep440Version.TryParse(text, out var version) || version!.ToString() == text;

    private static IEnumerable<MarkerClause> Clauses(MarkerNode node) => node switch
    {
        MarkerClause clause => [clause],
        MarkerExpression expression => expression.Terms.SelectMany(Clauses),
        _ => [],
    };

    private static bool HasRedundantNestedGroup(MarkerNode node, bool outermost)
    {
        if (node is not MarkerExpression expression) return false;
        if (expression.Terms.Count == 1)
            return (!outermost && expression.Terms[0] is MarkerExpression { Terms.Count: > 1 })
                || HasRedundantNestedGroup(expression.Terms[0], outermost);
        return expression.Terms.Any(t => HasRedundantNestedGroup(t, outermost: false));
    }
}
