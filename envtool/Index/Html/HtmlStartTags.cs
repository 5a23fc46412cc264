namespace EnvTool.Index.Html;

/// <summary>One start tag: its lowercase name, its attributes (lowercase names, decoded values, first
/// occurrence wins; a value-less attribute has the empty string) and where it starts.</summary>
internal sealed record HtmlStartTag(string Name, IReadOnlyDictionary<string, string> Attributes, int Position);

/// <summary>
/// A small, linear-time scanner for the start tags of an HTML document, enough for index pages: it
/// follows HTML's tokenizing rules for comments, doctype, quoted and unquoted attribute values and the
/// raw text of script/style elements, never recurses and never backtracks, so a hostile page costs one
/// pass. Anything it cannot make sense of is treated as text, as browsers do.
/// </summary>
internal static class HtmlStartTags
{
    /// <summary>The start tags named in <paramref name="wanted"/> (lowercase), in document order.</summary>
    public static IEnumerable<HtmlStartTag> Scan(string html, params string[] wanted)
    {
        var i = 0;
        while (true)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length) yield break;
            var next = html[lt + 1];
            if (html.AsSpan(lt).StartsWith("<!--"))
            {
                i = SkipPast(html, lt + 4, "-->");
            }
            else if (next is '!' or '?' or '/')
            {
                // Doctype, processing instruction, bogus comment or end tag: nothing we need inside.
                i = SkipPast(html, lt + 2, ">");
            }
            else if (char.IsAsciiLetter(next))
            {
                // A tag cut off by the end of the document is no tag (HTML drops it too).
                if (ReadStartTag(html, lt, out i) is not { } tag) yield break;
                if (wanted.Contains(tag.Name)) yield return tag;
                if (tag.Name is "script" or "style" or "textarea" or "title")
                    i = SkipRawText(html, i, tag.Name);
            }
            else
            {
                i = lt + 1;
            }
        }
    }

    private static int SkipPast(string html, int from, string terminator)
    {
        var end = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return end < 0 ? html.Length : end + terminator.Length;
    }

    private static int SkipRawText(string html, int from, string name)
    {
        var i = from;
        while (true)
        {
            var end = html.IndexOf("</", i, StringComparison.Ordinal);
            if (end < 0) return html.Length;
            var after = end + 2;
            if (string.Compare(html, after, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (after + name.Length >= html.Length || !char.IsAsciiLetterOrDigit(html[after + name.Length])))
                return end;
            i = after;
        }
    }

    private static HtmlStartTag? ReadStartTag(string html, int lt, out int end)
    {
        var i = lt + 1;
        var nameStart = i;
        while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('>' or '/')) i++;
        var name = html[nameStart..i].ToLowerInvariant();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var closed = false;
        while (i < html.Length)
        {
            while (i < html.Length && (IsSpace(html[i]) || html[i] == '/')) i++;
            if (i >= html.Length) break;
            if (html[i] == '>')
            {
                i++;
                closed = true;
                break;
            }
            var attrStart = i;
            // An attribute name may start with '=' (HTML's "unexpected equals sign"), never be empty.
            i++;
            while (i < html.Length && !IsSpace(html[i]) && html[i] is not ('/' or '>' or '=')) i++;
            var attrName = html[attrStart..i].ToLowerInvariant();
            var j = i;
            while (j < html.Length && IsSpace(html[j])) j++;
            var value = "";
            if (j < html.Length && html[j] == '=')
            {
                j++;
                while (j < html.Length && IsSpace(html[j])) j++;
                if (j < html.Length && html[j] is '"' or '\'')
                {
                    var quote = html[j];
                    var close = html.IndexOf(quote, j + 1);
                    if (close < 0) close = html.Length;
                    value = html[(j + 1)..close];
                    i = Math.Min(close + 1, html.Length);
                }
                else
                {
                    var valueStart = j;
                    while (j < html.Length && !IsSpace(html[j]) && html[j] != '>') j++;
                    value = html[valueStart..j];
                    i = j;
                }
            }
            attributes.TryAdd(attrName, HtmlText.Decode(value));
        }
        end = i;
        return closed ? new HtmlStartTag(name, attributes, lt) : null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
}
