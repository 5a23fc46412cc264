using System.Text;

namespace EnvTool.Tests.Versions;

/// <summary>
/// Seeded generator of version and specifier texts for the differential suites. Versions are built
/// from parts drawn from small pools (so equal, adjacent and post/pre/dev/local neighbours collide
/// often), then written in a random legal spelling; a share of them are mutated into invalid forms.
/// </summary>
internal sealed class VersionCaseGenerator(int seed)
{
    private readonly Random _r = new(seed);

    /// <summary>A version's parts; numbers are text so they can carry leading zeros or be huge.</summary>
    internal sealed record Parts(string? Epoch, string[] Release, (string Label, string? Number)? Pre,
        (string Label, string? Number)? Post, (string Label, string? Number)? Dev, string[]? Local);

    private static readonly string[] PreSpellings = ["a", "A", "alpha", "Alpha", "b", "B", "beta", "BETA", "c", "C", "rc", "RC", "pre", "preview", "Pre"];
    private static readonly string[] PostSpellings = ["post", "POST", "Post", "rev", "r", "R"];
    private static readonly string[] DevSpellings = ["dev", "DEV", "Dev"];
    private static readonly string[] LocalPool = ["1", "01", "0", "a", "A", "abc", "ubuntu", "0a", "1b2", "z", "10"];
    private static readonly string[] Separators = ["", "", "", ".", "-", "_"];
    private static readonly string[] Spaces = [" ", "\t", "\n", "\u00a0", "\u2003", "\u001c", "\r\n"];

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    private bool Chance(double p) => _r.NextDouble() < p;

    /// <summary>A number: usually tiny, sometimes with leading zeros, sometimes far beyond 64 bits.</summary>
    private string Number(bool tight)
    {
        if (tight)
        {
            var n = Pick(new[] { "0", "0", "1", "1", "2", "3" });
            return Chance(0.1) ? "0" + n : n;
        }
        double roll = _r.NextDouble();
        if (roll < 0.06) return BigNumber();
        if (roll < 0.1) return "2024" + _r.Next(1, 13).ToString("00") + _r.Next(1, 29).ToString("00");
        if (roll < 0.15) return "00" + _r.Next(0, 20);
        return _r.Next(0, 15).ToString();
    }

    private string BigNumber()
    {
        var sb = new StringBuilder().Append((char)('1' + _r.Next(9)));
        int digits = _r.Next(17, 40);
        for (int i = 0; i < digits; i++) sb.Append((char)('0' + _r.Next(10)));
        return sb.ToString();
    }

    public Parts RandomParts(bool tight)
    {
        string? epoch = Chance(tight ? 0.08 : 0.12) ? (tight ? Pick(new[] { "1", "0", "2" }) : Number(false)) : null;
        // Epochs must fit an int (Pep440Version.Epoch); bigger ones are rejected on purpose.
        if (epoch is { Length: > 9 }) epoch = epoch[..9];
        var release = new string[_r.Next(1, tight ? 4 : 6)];
        for (int i = 0; i < release.Length; i++) release[i] = Number(tight);
        (string, string?)? pre = Chance(0.3) ? (Pick(PreSpellings), Chance(0.15) ? null : Number(tight)) : null;
        (string, string?)? post = Chance(0.25) ? (Pick(PostSpellings), Chance(0.15) ? null : Number(tight)) : null;
        (string, string?)? dev = Chance(0.25) ? (Pick(DevSpellings), Chance(0.15) ? null : Number(tight)) : null;
        string[]? local = null;
        if (Chance(0.2))
        {
            local = new string[_r.Next(1, 4)];
            for (int i = 0; i < local.Length; i++) local[i] = Chance(0.1) ? BigNumber() : Pick(LocalPool);
        }
        return new Parts(epoch, release, pre, post, dev, local);
    }

    /// <summary>Writes the parts in a random legal spelling.</summary>
    public string Render(Parts p, bool allowLocal = true)
    {
        var sb = new StringBuilder();
        if (Chance(0.05)) sb.Append(Pick(new[] { "v", "V" }));
        if (p.Epoch is not null) sb.Append(p.Epoch).Append('!');
        sb.AppendJoin('.', p.Release);
        if (p.Pre is { } pre)
        {
            sb.Append(Pick(Separators)).Append(pre.Label);
            if (pre.Number is not null) sb.Append(Pick(Separators)).Append(pre.Number);
            else if (Chance(0.2)) sb.Append(Pick(new[] { ".", "-", "_" }));
        }
        if (p.Post is { } post)
        {
            if (post.Number is not null && Chance(0.25)) sb.Append('-').Append(post.Number);
            else
            {
                sb.Append(Pick(Separators)).Append(post.Label);
                if (post.Number is not null) sb.Append(Pick(Separators)).Append(post.Number);
            }
        }
        if (p.Dev is { } dev)
        {
            sb.Append(Pick(Separators)).Append(dev.Label);
            if (dev.Number is not null) sb.Append(Pick(Separators)).Append(dev.Number);
        }
        if (allowLocal && p.Local is not null)
        {
            sb.Append('+').Append(p.Local[0]);
            for (int i = 1; i < p.Local.Length; i++) sb.Append(Pick(new[] { ".", "-", "_" })).Append(p.Local[i]);
        }
        return sb.ToString();
    }

    /// <summary>A version text: valid in a random spelling, or (about 40%) mutated into something likely invalid.</summary>
    public string VersionText()
    {
        var text = Render(RandomParts(tight: Chance(0.3)));
        if (Chance(0.4)) text = Mutate(text);
        if (Chance(0.08)) text = Pick(Spaces) + text;
        if (Chance(0.08)) text += Pick(Spaces);
        return text;
    }

    private string Mutate(string text)
    {
        int at = _r.Next(text.Length + 1);
        switch (_r.Next(12))
        {
            case 0: return text.Insert(at, Pick(new[] { ".", "-", "_", "+", "!", "*", " ", "~", "#", "/", "=" }));
            case 1: return text.Length > 1 ? text.Remove(Math.Min(at, text.Length - 1), 1) : "";
            case 2: return at < text.Length ? text.Insert(at, text[at].ToString()) : text + text[^1];
            case 3: return text + Pick(new[] { ".post", ".post1", "-1", "a1", ".a", "b2", ".dev", ".dev3", "rc" });
            case 4: return text + Pick(new[] { ".*", "*", ".", "-", "_", "+", "+.", "+a.", "+a..b", "!" });
            case 5: return text.Insert(at, Pick(new[] { "a", "b", "c", "rc", "x", "post", "dev", "alpha", "pre", "r", "v" }));
            case 6: return Pick(new[] { "", " ", "v", "V1", "1!", "!1", ".1", "1.", "1..0", "1.0+", "+1", "a1", "1.0-", "1.0_", "1.0.", "1.0a.", "1.0-+x" });
            // Letters outside ASCII that fold to ASCII under Unicode-aware matching (Kelvin sign, long s, dotless i).
            case 7: return text.Insert(at, Pick(new[] { "\u212a", "\u017f", "\u0131", "\u0130" }));
            case 8: return text.Replace('.', Pick(new[] { '-', '_', ',' }));
            case 9: return text.ToUpperInvariant();
            case 10: return text.Insert(at, Pick(Spaces));
            default: return text.Insert(at, Number(tight: false));
        }
    }

    /// <summary>A version near <paramref name="p"/>: the same release with other suffixes, or one release number nudged.</summary>
    public Parts Neighbour(Parts p)
    {
        var other = RandomParts(tight: true);
        var release = (string[])p.Release.Clone();
        if (Chance(0.5))
        {
            int i = _r.Next(release.Length);
            release[i] = Chance(0.5) ? "0" : (long.Parse(release[i][..Math.Min(release[i].Length, 12)]) + _r.Next(-1, 2)).ToString().TrimStart('-');
        }
        if (Chance(0.3)) release = [.. release, "0"];
        if (Chance(0.2) && release.Length > 1) release = release[..^1];
        return other with { Epoch = Chance(0.9) ? p.Epoch : other.Epoch, Release = release };
    }

    private static readonly string[] Operators = ["==", "==", "!=", "<=", ">=", ">=", "<", ">", "~=", "~=", "==="];

    /// <summary>A specifier clause (and the parts of its version), mostly valid, sometimes deliberately not.</summary>
    public (string Text, Parts Parts) Specifier(bool allowInvalid)
    {
        var op = Pick(Operators);
        var parts = RandomParts(tight: true);
        if (op == "~=" && parts.Release.Length < 2 && Chance(0.9)) parts = parts with { Release = [.. parts.Release, Number(true)] };
        string version;
        bool wildcard = (op is "==" or "!=") && Chance(0.25);
        if (wildcard) version = Render(parts with { Pre = null, Post = null, Dev = null, Local = null }) + ".*";
        else version = Render(parts, allowLocal: op is "==" or "!=" or "===");
        var text = op + (Chance(0.2) ? " " : "") + version;
        if (Chance(0.1)) text = " " + text + " ";
        if (allowInvalid && Chance(0.1))
            text = _r.Next(6) switch
            {
                0 => Pick(new[] { ">=", "<", "~=", ">" }) + Render(parts with { Pre = null, Post = null, Dev = null, Local = null }) + ".*",
                1 => Pick(new[] { ">=", "<=", "<", ">", "~=" }) + Render(parts with { Local = ["abc"] }),
                2 => "~=" + parts.Release[0],
                3 => "==" + Render(parts with { Local = null }) + ".*",
                4 => Pick(new[] { "=", "=>", "<>", "!", "~", "" }) + version,
                _ => Mutate(text),
            };
        return (text, parts);
    }

    /// <summary>A candidate for a clause: often a neighbour of its version, otherwise any small version.</summary>
    public string Candidate(Parts near) => Render(Chance(0.6) ? Neighbour(near) : RandomParts(tight: true));
}
