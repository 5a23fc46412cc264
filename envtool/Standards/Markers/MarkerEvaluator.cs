using EnvTool.Standards.Versions;

namespace EnvTool.Standards.Markers;

/// <summary>
/// The comparison rules of the dependency specifiers spec, as modern packaging applies them:
/// the version variables compare as PEP 440 versions when the other side makes a valid specifier
/// (pre-releases included); everything else compares as strings, where ordering operators are
/// always false, <c>&lt;=</c>/<c>&gt;=</c> mean equality and <c>~=</c>/<c>===</c> are undefined.
/// </summary>
internal static class MarkerEvaluator
{
    private static readonly HashSet<string> VersionVariables = new(StringComparer.Ordinal)
    {
        "implementation_version", "platform_release", "python_full_version", "python_version",
    };

    public static bool Evaluate(Marker marker, MarkerEnvironment environment, string extra) =>
        Evaluate(marker.Expression, new Context(marker, environment, extra, null, null));

    /// <summary>Evaluates in a lock file's context (PEP 751): <c>extras</c> and <c>dependency_groups</c> are the requested sets.</summary>
    public static bool EvaluateInLock(Marker marker, MarkerEnvironment environment, IReadOnlySet<string> extras, IReadOnlySet<string> dependencyGroups) =>
        Evaluate(marker.Expression, new Context(marker, environment, "", extras, dependencyGroups));

    private readonly record struct Context(Marker Marker, MarkerEnvironment Environment, string Extra,
        IReadOnlySet<string>? Extras, IReadOnlySet<string>? DependencyGroups);

    private static bool Evaluate(MarkerNode node, Context context)
    {
        if (node is MarkerClause clause) return Evaluate(clause, context);
        var expression = (MarkerExpression)node;
        // `and` binds tighter: the expression is true when some or-separated run of terms is all
        // true. Every term is evaluated, as packaging does, so an undefined comparison is reported
        // whatever the values of the terms before it.
        var anyRunHolds = false;
        var runHolds = true;
        for (var i = 0; i < expression.Terms.Count; i++)
        {
            if (i > 0 && expression.JoinedByOr[i - 1])
            {
                anyRunHolds |= runHolds;
                runHolds = true;
            }
            runHolds &= Evaluate(expression.Terms[i], context);
        }
        return anyRunHolds || runHolds;
    }

    private static bool Evaluate(MarkerClause clause, Context context)
    {
        if (clause.Left.IsVariable == clause.Right.IsVariable)
            throw new MarkerEvaluationException(context.Marker.ToString(),
                $"'{clause}' compares two {(clause.Left.IsVariable ? "variables" : "strings")}; one side must be a marker variable and the other a quoted string");
        var variable = clause.Left.IsVariable ? clause.Left.Text : clause.Right.Text;
        if (SetValue(variable, context) is { } set)
            return EvaluateMembership(clause, variable, set, context);
        var value = Lookup(variable, context);
        var lhs = clause.Left.IsVariable ? value : clause.Left.Text;
        var rhs = clause.Left.IsVariable ? clause.Right.Text : value;
        var op = clause.Operator;

        if (VersionVariables.Contains(variable) && op is not (MarkerOperator.In or MarkerOperator.NotIn)
            && Specifier.TryParse(op.Text() + rhs, out var specifier))
            return specifier!.Contains(lhs, prereleases: true);

        return op switch
        {
            MarkerOperator.In => rhs.Contains(lhs, StringComparison.Ordinal),
            MarkerOperator.NotIn => !rhs.Contains(lhs, StringComparison.Ordinal),
            MarkerOperator.Equal or MarkerOperator.LessThanOrEqual or MarkerOperator.GreaterThanOrEqual =>
                string.Equals(lhs, rhs, StringComparison.Ordinal),
            MarkerOperator.NotEqual => !string.Equals(lhs, rhs, StringComparison.Ordinal),
            MarkerOperator.LessThan or MarkerOperator.GreaterThan => false,
            _ => throw new MarkerEvaluationException(context.Marker.ToString(),
                $"'{op.Text()}' is undefined between '{lhs}' and '{rhs}' (it needs {VersionNeed(variable)})"),
        };
    }

    private static IReadOnlySet<string>? SetValue(string variable, Context context) => variable switch
    {
        "extras" => context.Extras,
        "dependency_groups" => context.DependencyGroups,
        _ => null,
    };

    /// <summary>The set-valued lock-file variables only support <c>"name" in variable</c> and <c>not in</c>.</summary>
    private static bool EvaluateMembership(MarkerClause clause, string variable, IReadOnlySet<string> set, Context context)
    {
        if (clause.Left.IsVariable || clause.Operator is not (MarkerOperator.In or MarkerOperator.NotIn))
            throw new MarkerEvaluationException(context.Marker.ToString(),
                $"'{clause}': '{variable}' is a set of names; only '\"name\" in {variable}' and 'not in' are defined");
        // The literal was normalized when parsed; the requested names may be spelled any way.
        var member = set.Any(name => string.Equals(Names.ExtraName.Normalize(name), clause.Left.Text, StringComparison.Ordinal));
        return clause.Operator == MarkerOperator.In ? member : !member;
    }

    private static string VersionNeed(string variable) =>
        VersionVariables.Contains(variable) ? "a valid PEP 440 version on the quoted side" : "a version variable";

    private static string Lookup(string variable, Context context)
    {
        if (variable == "extra") return context.Extra;
        if (variable == "python_full_version") return context.Environment.PythonFullVersionAsVersion;
        return context.Environment.Get(variable)
            ?? throw new MarkerEvaluationException(context.Marker.ToString(),
                $"the variable '{variable}' is only defined in lock files (PEP 751), not in package metadata");
    }
}
