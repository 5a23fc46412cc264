namespace EnvTool.Standards.Markers;

/// <summary>
/// Recursive descent over the PEP 508 marker grammar:
/// <code>
/// marker  = atom (("and" | "or") atom)*
/// atom    = "(" marker ")" | operand op operand
/// operand = variable | quoted string
/// op      = "===" | "==" | "~=" | "!=" | "&lt;=" | "&gt;=" | "&lt;" | "&gt;" | "in" | "not" WS "in"
/// </code>
/// with optional spaces or tabs between tokens.
/// </summary>
internal static class MarkerParser
{
    /// <summary>Parses a marker at the reader's cursor, stopping before whatever cannot continue it.</summary>
    public static MarkerExpression ParseExpression(Pep508Reader reader)
    {
        var terms = new List<MarkerNode> { ParseAtom(reader) };
        var joins = new List<bool>();
        while (true)
        {
            bool isOr;
            if (reader.TryReadWord("or")) isOr = true;
            else if (reader.TryReadWord("and")) isOr = false;
            else break;
            joins.Add(isOr);
            terms.Add(ParseAtom(reader));
        }
        return new MarkerExpression(terms, joins);
    }

    private static MarkerNode ParseAtom(Pep508Reader reader)
    {
        reader.SkipWhitespace();
        MarkerNode atom;
        if (reader.Peek('('))
        {
            var open = reader.Position;
            reader.TryRead('(');
            reader.SkipWhitespace();
            atom = ParseExpression(reader);
            reader.SkipWhitespace();
            if (!reader.TryRead(')'))
                throw reader.Error($"expected 'and', 'or' or ')' to close the '(' at column {open + 1}, found {reader.Found()}");
        }
        else
        {
            var left = ParseOperand(reader);
            reader.SkipWhitespace();
            var op = ParseOperator(reader);
            reader.SkipWhitespace();
            var right = ParseOperand(reader);
            atom = new MarkerClause(left, op, right);
        }
        reader.SkipWhitespace();
        return atom;
    }

    private static MarkerOperand ParseOperand(Pep508Reader reader)
    {
        if (reader.TryReadVariable(out var name)) return MarkerOperand.Variable(name);
        if (reader.TryReadQuotedString(out var value)) return MarkerOperand.Literal(value);
        var word = reader.WordAtCursor();
        if (word.Length > 0 && char.IsLetter(word[0]))
            throw reader.Error($"unknown marker variable '{word}'", hint: $"marker variables are: {Pep508Reader.VariableList}");
        throw reader.Error($"expected a marker variable or a quoted string, found {reader.Found()}");
    }

    private static MarkerOperator ParseOperator(Pep508Reader reader)
    {
        if (reader.TryReadWord("in")) return MarkerOperator.In;
        if (reader.TryReadWord("not"))
        {
            var afterNot = reader.Position;
            reader.SkipWhitespace();
            if (reader.Position == afterNot || !reader.TryReadWord("in"))
                throw reader.Error($"expected ' in' after 'not', found {reader.Found()}");
            return MarkerOperator.NotIn;
        }
        if (reader.TryReadComparisonOperator(out var op)) return op;
        throw reader.Error($"expected a marker operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in), found {reader.Found()}");
    }
}
