namespace EnvTool.Standards.Markers;

/// <summary>The comparison in one marker clause.</summary>
public enum MarkerOperator
{
    LessThan,
    LessThanOrEqual,
    Equal,
    NotEqual,
    GreaterThanOrEqual,
    GreaterThan,
    Compatible,
    ArbitraryEqual,
    In,
    NotIn,
}

public static class MarkerOperators
{
    /// <summary>The symbolic operators, longest first so that a prefix never wins over the whole.</summary>
    internal static readonly MarkerOperator[] Comparisons =
    [
        MarkerOperator.ArbitraryEqual, MarkerOperator.Equal, MarkerOperator.Compatible, MarkerOperator.NotEqual,
        MarkerOperator.LessThanOrEqual, MarkerOperator.GreaterThanOrEqual, MarkerOperator.LessThan, MarkerOperator.GreaterThan,
    ];

    /// <summary>The operator as PEP 508 spells it.</summary>
    public static string Text(this MarkerOperator op) => op switch
    {
        MarkerOperator.LessThan => "<",
        MarkerOperator.LessThanOrEqual => "<=",
        MarkerOperator.Equal => "==",
        MarkerOperator.NotEqual => "!=",
        MarkerOperator.GreaterThanOrEqual => ">=",
        MarkerOperator.GreaterThan => ">",
        MarkerOperator.Compatible => "~=",
        MarkerOperator.ArbitraryEqual => "===",
        MarkerOperator.In => "in",
        MarkerOperator.NotIn => "not in",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
