namespace EnvTool.Standards.Tags;

/// <summary>
/// Strict parser for a tag or compressed tag set inside a larger input (a wheel file name carries one at
/// its end), so errors can point at the column in the whole input.
/// </summary>
internal static class TagSetParser
{
    /// <summary>A compressed set expands to the product of its members; a hostile file name could ask
    /// for hundreds of thousands of tags. Real wheels use a handful.</summary>
    public const int MaxExpandedTags = 1024;

    private static readonly string[] PartNames = ["interpreter", "ABI", "platform"];

    /// <param name="input">The whole input; errors name it and point into it.</param>
    /// <param name="start">Where the tag text begins in <paramref name="input"/>.</param>
    /// <param name="end">Where it ends (exclusive).</param>
    /// <param name="what">What is being parsed, for the error message ("tag", "wheel file name").</param>
    public static IReadOnlyList<Tag> Parse(string input, int start, int end, string what)
    {
        var parts = new List<string>[3];
        var partIndex = 0;
        var memberStart = start;
        parts[0] = [];
        for (var i = start; i <= end; i++)
        {
            var atEnd = i == end;
            var c = atEnd ? '\0' : input[i];
            if (!atEnd && c != '-' && c != '.')
            {
                if (!IsTagChar(c))
                    throw new ParseException(what, input, i,
                        $"character '{c}' is not allowed in a tag (only ASCII letters, digits and '_')");
                continue;
            }
            if (i == memberStart)
                throw new ParseException(what, input, i, $"empty {PartNames[partIndex]} in tag");
            var member = input[memberStart..i];
            if (partIndex == 0 && char.IsAsciiDigit(member[0]))
                throw new ParseException(what, input, memberStart,
                    $"interpreter '{member}' must start with a letter or '_'");
            parts[partIndex].Add(member);
            memberStart = i + 1;
            if (c == '-')
            {
                if (partIndex == 2)
                    throw new ParseException(what, input, i,
                        "a tag has exactly three parts (interpreter-abi-platform), found more");
                parts[++partIndex] = [];
            }
        }
        if (partIndex < 2)
            throw new ParseException(what, input, end,
                $"a tag has exactly three parts (interpreter-abi-platform), found {partIndex + 1}");

        var count = (long)parts[0].Count * parts[1].Count * parts[2].Count;
        if (count > MaxExpandedTags)
            throw new ParseException(what, input, start,
                $"compressed tag set expands to {count} tags, more than the {MaxExpandedTags} allowed");

        var seen = new HashSet<Tag>();
        var tags = new List<Tag>((int)count);
        foreach (var interpreter in parts[0])
            foreach (var abi in parts[1])
                foreach (var platform in parts[2])
                {
                    var tag = new Tag(interpreter, abi, platform);
                    if (seen.Add(tag)) tags.Add(tag);
                }
        return tags;
    }

    private static bool IsTagChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
