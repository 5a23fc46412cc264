using EnvTool.Standards.Names;

namespace EnvTool.Standards.Markers;

/// <summary>One side of a marker clause: a marker variable or a quoted string.</summary>
public readonly record struct MarkerOperand(bool IsVariable, string Text)
{
    public static MarkerOperand Variable(string name) => new(true, name);
    public static MarkerOperand Literal(string value) => new(false, value);

    /// <summary>A variable as its name; a string in double quotes, or single quotes when it holds a double quote.</summary>
    public override string ToString() =>
        IsVariable ? Text : Text.Contains('"') ? $"'{Text}'" : $"\"{Text}\"";
}

/// <summary>A node of a parsed marker: a <see cref="MarkerClause"/> or a <see cref="MarkerExpression"/>.</summary>
public abstract class MarkerNode
{
    private protected MarkerNode() { }

    /// <summary>True when some clause below compares the <c>extra</c> variable.</summary>
    public abstract bool ReferencesExtra { get; }

    internal abstract void Format(System.Text.StringBuilder output, bool outermost);
}

/// <summary><c>left op right</c>, e.g. <c>python_version &gt;= "3.9"</c>.</summary>
public sealed class MarkerClause : MarkerNode
{
    public MarkerClause(MarkerOperand left, MarkerOperator op, MarkerOperand right)
    {
        // PEP 685: extra names are compared in normal form, so the literal compared with `extra`
        // is stored normalized; printing and equality then agree with evaluation.
        if (left.IsVariable && left.Text == "extra" && !right.IsVariable)
            right = MarkerOperand.Literal(ExtraName.Normalize(right.Text));
        else if (right.IsVariable && right.Text is "extra" or "extras" or "dependency_groups" && !left.IsVariable)
            // The set-valued lock-file variables (PEP 751) hold normalized names too.
            left = MarkerOperand.Literal(ExtraName.Normalize(left.Text));
        Left = left;
        Operator = op;
        Right = right;
    }

    public MarkerOperand Left { get; }
    public MarkerOperator Operator { get; }
    public MarkerOperand Right { get; }

    public override bool ReferencesExtra =>
        (Left.IsVariable && Left.Text == "extra") || (Right.IsVariable && Right.Text == "extra");

    internal override void Format(System.Text.StringBuilder output, bool outermost) =>
        output.Append(Left.ToString()).Append(' ').Append(Operator.Text()).Append(' ').Append(Right.ToString());

    public override string ToString() => $"{Left} {Operator.Text()} {Right}";
}

/// <summary>
/// Terms joined by <c>and</c>/<c>or</c> as written (<c>and</c> binds tighter when evaluated). A term
/// that is itself an expression was parenthesized in the source and is printed in parentheses.
/// </summary>
public sealed class MarkerExpression : MarkerNode
{
    public MarkerExpression(IReadOnlyList<MarkerNode> terms, IReadOnlyList<bool> joinedByOr)
    {
        if (terms.Count == 0 || joinedByOr.Count != terms.Count - 1)
            throw new ArgumentException("an expression needs one more term than joins");
        Terms = terms;
        JoinedByOr = joinedByOr;
    }

    public IReadOnlyList<MarkerNode> Terms { get; }

    /// <summary><c>JoinedByOr[i]</c> tells whether <c>Terms[i]</c> and <c>Terms[i + 1]</c> are joined by <c>or</c> (else <c>and</c>).</summary>
    public IReadOnlyList<bool> JoinedByOr { get; }

    public override bool ReferencesExtra => Terms.Any(t => t.ReferencesExtra);

    internal override void Format(System.Text.StringBuilder output, bool outermost)
    {
        // A group of one term needs no parentheses of its own: print the term in this position.
        if (Terms.Count == 1)
        {
            Terms[0].Format(output, outermost);
            return;
        }
        if (!outermost) output.Append('(');
        for (var i = 0; i < Terms.Count; i++)
        {
            if (i > 0) output.Append(JoinedByOr[i - 1] ? " or " : " and ");
            Terms[i].Format(output, outermost: false);
        }
        if (!outermost) output.Append(')');
    }

    public override string ToString()
    {
        var output = new System.Text.StringBuilder();
        Format(output, outermost: true);
        return output.ToString();
    }
}
