namespace EnvTool.Standards.Markers;

/// <summary>
/// A parsed PEP 508 environment marker, e.g. <c>python_version &gt;= "3.9" and sys_platform != "win32"</c>.
/// <see cref="ToString"/> is the normalized form packaging prints (canonical variable names,
/// single spaces, normalized extra names, redundant parentheses dropped); equality compares that form.
/// </summary>
public sealed class Marker : IEquatable<Marker>
{
    private readonly string _text;

    internal Marker(MarkerExpression expression)
    {
        Expression = expression;
        _text = expression.ToString();
    }

    public MarkerExpression Expression { get; }

    /// <summary>True when the marker compares the <c>extra</c> variable anywhere, so its value can depend on the extras requested.</summary>
    public bool ReferencesExtra => Expression.ReferencesExtra;

    /// <summary>Parses a whole marker; throws <see cref="ParseException"/> naming the problem and its column.</summary>
    public static Marker Parse(string text)
    {
        var reader = new Pep508Reader(text, "marker");
        var expression = MarkerParser.ParseExpression(reader);
        if (!reader.AtEnd)
            throw reader.Error($"expected 'and', 'or' or end of marker, found {reader.Found()}");
        return new Marker(expression);
    }

    public static bool TryParse(string text, out Marker? marker)
    {
        try
        {
            marker = Parse(text);
            return true;
        }
        catch (ParseException)
        {
            marker = null;
            return false;
        }
    }

    /// <summary>
    /// Evaluates the marker in <paramref name="environment"/>. With no extras, <c>extra</c> is the empty
    /// string (core metadata context); otherwise the marker holds when it holds for any one requested
    /// extra, which is how installers select the dependencies of <c>name[a,b]</c>.
    /// Throws <see cref="MarkerEvaluationException"/> for an undefined variable or comparison.
    /// </summary>
    public bool Evaluate(MarkerEnvironment environment, IReadOnlySet<string>? extras = null)
    {
        if (extras is null || extras.Count == 0)
            return MarkerEvaluator.Evaluate(this, environment, extra: "");
        foreach (var extra in extras)
            if (MarkerEvaluator.Evaluate(this, environment, Names.ExtraName.Normalize(extra)))
                return true;
        return false;
    }

    /// <summary>
    /// Evaluates a marker from a lock file (PEP 751), where <c>extras</c> and <c>dependency_groups</c> are
    /// the sets of extras and dependency groups the installer was asked for (<c>"dev" in dependency_groups</c>).
    /// </summary>
    public bool EvaluateInLock(MarkerEnvironment environment, IReadOnlySet<string> extras, IReadOnlySet<string> dependencyGroups) =>
        MarkerEvaluator.EvaluateInLock(this, environment, extras, dependencyGroups);

    public override string ToString() => _text;

    public bool Equals(Marker? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);
    public override bool Equals(object? obj) => Equals(obj as Marker);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);
}
