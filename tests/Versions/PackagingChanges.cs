using EnvTool.Standards.Versions;

namespace EnvTool.Tests.Versions;

/// <summary>
/// Cases where an older packaging release (pip vendors 18.0, 21.3 and 24.1 on this machine)
/// decides differently from modern packaging and PEP 440 by design. envtool follows modern
/// packaging; each predicate names the packaging change and matches only the cases it affects,
/// so everything else is still compared with the old releases.
/// </summary>
internal static class PackagingChanges
{
    private const string AsciiOnly =
        "packaging 26.1 (#1102) matches versions with ASCII letters only; older releases let Unicode letters that case-fold to ASCII through";
    private const string IntEpoch =
        "envtool by design: an epoch must fit Pep440Version.Epoch (an int)";
    private const string EmptyClause =
        "envtool by design: an empty clause in a specifier set is an error (packaging drops it)";
    private const string WildcardAfterSuffix =
        "packaging 22.0 (#563) forbids '.*' after a pre-, post- or dev-release segment";
    private const string SingleCandidatePrerelease =
        "packaging 26.0 (#897): contains() with prereleases=None accepts a matching pre-release";
    private const string FilterFallback =
        "packaging 26.0 (#942): SpecifierSet.filter() with prereleases=None falls back to matching pre-releases when no final matches";
    private const string NormalizedPrefix =
        "packaging 22.0 (#561) normalizes the version of a '.*' clause before prefix matching";
    private const string CompatibleText =
        "packaging 26.3 (#1120) derives the bounds of '~=' from the parsed version instead of the text as written";
    private const string PaddedPrefix =
        "packaging 22.0 (#561) pads a candidate's release before cutting it to a '.*' clause's length";
    private const string LocalAtBound =
        "packaging 20.4 (#304) compares the public version for '<=' so '<=V' admits V+local";
    private const string CompatiblePrerelease =
        "packaging 21.0 (#366) drops a pre-release suffix before taking the prefix of '~='";
    private const string EpochPrefix =
        "packaging 24.0 (#683) pads the candidate's release when a '.*' clause has an epoch";
    private const string ArbitraryText =
        "packaging 26.0 (#932, #954): '===' with text that is not a version no longer raises";
    private const string RangeOperators =
        "packaging 26.1 (#1097, #1140) excludes only V's own post-releases and local variants from '>V', and only V's own pre-releases from '<V'";
    private const string Deduplication =
        "packaging 26.1 (#1108, #1109) sorts clauses before dropping equal ones, and 22.0 (#493) stopped treating '~=1.0' and '~=1.0.0' as equal";

    public static string? ParsingChange(string text, Pep440Version packaging)
    {
        if (packaging.Before("26.1") && text.Any(c => c > '\x7f' && char.IsLetter(c))) return AsciiOnly;
        try
        {
            Pep440Version.Parse(text);
        }
        catch (EnvTool.Standards.ParseException e) when (e.Problem.Contains("is too large", StringComparison.Ordinal))
        {
            return IntEpoch;
        }
        catch (EnvTool.Standards.ParseException)
        {
        }
        return null;
    }

    public static string? SpecifierParsingChange(string text, Pep440Version packaging)
    {
        var t = text.Trim();
        if (packaging.Before("22.0") && t.EndsWith(".*", StringComparison.Ordinal) && (t.StartsWith("==") || t.StartsWith("!="))
            && Specifier.TryParse(t[..^2], out var s) && Pep440Version.Parse(s!.Version) is { } v
            && (v.Pre is not null || v.Post is not null || v.Dev is not null) && v.Local is null)
            return WildcardAfterSuffix;
        if (packaging.Before("26.1") && text.Any(c => c > '\x7f' && char.IsLetter(c))) return AsciiOnly;
        return null;
    }

    public static string? SpecifierSetParsingChange(string text, Pep440Version packaging)
    {
        var clauses = text.Split(',');
        if (text.Trim().Length > 0 && clauses.Any(c => c.Trim().Length == 0)) return EmptyClause;
        return clauses.Select(c => SpecifierParsingChange(c, packaging)).FirstOrDefault(r => r is not null);
    }

    /// <summary>Whether <paramref name="packaging"/> decides Specifier.contains(candidate, prereleases) differently by design.</summary>
    public static string? ContainsChange(Specifier spec, Pep440Version candidate, bool? prereleases, Pep440Version packaging)
    {
        if (MatchingChange(spec, candidate, packaging) is { } reason) return reason;
        if (prereleases is null && packaging.Before("26.0"))
        {
            if (spec.Operator == "===" && !Pep440Version.TryParse(spec.Version, out _) && !packaging.Before("22.0")) return ArbitraryText;
            if (candidate.IsPrerelease && spec.Contains(candidate) != spec.Contains(candidate, OldAllowsPrereleases(spec, packaging)))
                return SingleCandidatePrerelease;
        }
        return null;
    }

    /// <summary>Changes to what one clause matches, whatever the pre-release policy.</summary>
    private static string? MatchingChange(Specifier spec, Pep440Version v, Pep440Version packaging)
    {
        bool wildcard = spec.Version.EndsWith(".*", StringComparison.Ordinal);
        if (wildcard && packaging.Before("22.0") && Pep440Version.Parse(spec.Version[..^2]).ToString() != spec.Version[..^2])
            return NormalizedPrefix;
        if (spec.Operator == "~=")
        {
            if (packaging.Before("21.0") && Pep440Version.Parse(spec.Version).Pre is not null) return CompatiblePrerelease;
            if (packaging.Before("26.3") && !OldCompatiblePrefixIsRight(spec, packaging)) return CompatibleText;
        }
        if (wildcard)
        {
            var prefix = Pep440Version.Parse(spec.Version[..^2]);
            bool shorter = v.Release.Count < prefix.Release.Count;
            if (packaging.Before("22.0") && shorter && (v.Pre is not null || v.Post is not null || v.Dev is not null)) return PaddedPrefix;
            if (packaging.Before("24.0") && shorter && prefix.Epoch != 0) return EpochPrefix;
        }
        if (spec.Operator == "<=" && packaging.Before("20.4") && v.Local is not null && v.Public == Pep440Version.Parse(spec.Version))
            return LocalAtBound;
        if (packaging.Before("26.1") && spec.Operator is "<" or ">")
        {
            var V = Pep440Version.Parse(spec.Version);
            bool old = spec.Operator == ">"
                ? v > V && !(!V.IsPostrelease && v.IsPostrelease && v.BaseVersion == V.BaseVersion)
                        && !(v.Local is not null && v.BaseVersion == V.BaseVersion)
                : v < V && !(!V.IsPrerelease && v.IsPrerelease && v.BaseVersion == V.BaseVersion);
            if (old != spec.Contains(v, prereleases: true)) return RangeOperators;
        }
        return null;
    }

    /// <summary>
    /// Before 26.3, '~=V' matched the prefix built from V's text: split at '.', a trailing
    /// pre-release split off a number, labels compared case-sensitively, the last number dropped.
    /// 21.x compared that text with the candidate's normalized text; 22.0 on normalizes it as a
    /// version first. True when the result is V's real prefix, so the old release decides alike.
    /// </summary>
    private static bool OldCompatiblePrefixIsRight(Specifier spec, Pep440Version packaging)
    {
        var v = Pep440Version.Parse(spec.Version);
        string raw = spec.Version;
        int bang = raw.LastIndexOf('!');
        var items = new List<string>();
        foreach (var item in raw[(bang + 1)..].Split('.'))
        {
            var m = System.Text.RegularExpressions.Regex.Match(item, "^([0-9]+)((?:a|b|c|rc)[0-9]+)$");
            if (m.Success) items.AddRange([m.Groups[1].Value, m.Groups[2].Value]);
            else items.Add(item);
        }
        var prefix = items.TakeWhile(i => !new[] { "dev", "a", "b", "rc", "post" }.Any(s => i.StartsWith(s, StringComparison.Ordinal))).ToList();
        if (prefix.Count > 0) prefix.RemoveAt(prefix.Count - 1);
        var expected = v.Release.Take(v.Release.Count - 1).ToArray();
        if (packaging.Before("22.0"))
            return (bang < 0 ? v.Epoch == 0 : v.Epoch != 0 && raw[..bang] == v.Epoch.ToString())
                && prefix.SequenceEqual(expected.Select(n => n.ToString()));
        return Pep440Version.TryParse($"{(bang < 0 ? "0" : raw[..bang])}!{string.Join('.', prefix)}", out var p)
            && p!.Epoch == v.Epoch && p.Release.SequenceEqual(expected) && p.Pre is null && p.Post is null && p.Dev is null;
    }

    /// <summary>Before 26.0 a clause let pre-releases in only with ==, >=, &lt;=, ~= or === (24.2 added &lt; and &gt;) and a pre-release version.</summary>
    private static bool OldAllowsPrereleases(Specifier spec, Pep440Version packaging)
    {
        bool operatorCounts = spec.Operator is "==" or ">=" or "<=" or "~=" or "===" || (!packaging.Before("24.2") && spec.Operator is "<" or ">");
        var text = spec.Version.EndsWith(".*", StringComparison.Ordinal) ? spec.Version[..^2] : spec.Version;
        return operatorCounts && Pep440Version.TryParse(text, out var v) && v!.IsPrerelease;
    }

    /// <summary>Changes that affect a whole set case: its text, or a clause/candidate pair whose matching changed.</summary>
    public static string? SetChange(string text, SpecifierSet set, Pep440Version[] candidates, Pep440Version packaging)
    {
        foreach (var spec in set.Specifiers)
            foreach (var candidate in candidates)
                if (MatchingChange(spec, candidate, packaging) is { } reason) return reason;
        if (packaging.Before("26.1") && set.Specifiers.Count > 0)
        {
            // Before 26.1 a set kept the first written of clauses that compare equal (a frozenset),
            // and before 22.0 '~=' clauses compared equal up to trailing zeros.
            var clauses = text.Split(',').Select(c => Specifier.Parse(c)).ToArray();
            var keys = clauses.Select(c => OldKey(c, packaging)).ToArray();
            for (int i = 0; i < clauses.Length; i++)
                for (int j = i + 1; j < clauses.Length; j++)
                    if (keys[i] == keys[j] && clauses[i].ToString() != clauses[j].ToString()) return Deduplication;
        }
        return null;
    }

    private static string OldKey(Specifier s, Pep440Version packaging)
    {
        if (s.Operator == "===" || s.Version.EndsWith(".*", StringComparison.Ordinal)) return s.Operator + s.Version;
        var v = Pep440Version.Parse(s.Version);
        bool strip = s.Operator != "~=" || packaging.Before("22.0");
        return s.Operator + (strip ? Stripped(v) : v.ToString());
    }

    private static string Stripped(Pep440Version v)
    {
        var text = v.ToString();
        var release = string.Join('.', v.Release);
        var trimmed = release;
        while (trimmed.EndsWith(".0", StringComparison.Ordinal)) trimmed = trimmed[..^2];
        int at = v.Epoch == 0 ? 0 : v.Epoch.ToString().Length + 1;
        return text[..at] + trimmed + text[(at + release.Length)..];
    }

    /// <summary>Whether <paramref name="packaging"/> decides SpecifierSet.filter(candidates, prereleases) differently by design.</summary>
    public static string? FilterChange(SpecifierSet set, Pep440Version[] candidates, bool? prereleases, Pep440Version packaging)
    {
        if (prereleases is null && packaging.Before("26.0") && set.Specifiers.Count > 0)
        {
            if (set.Specifiers.Any(s => s.Operator == "===" && !Pep440Version.TryParse(s.Version, out _)) && !packaging.Before("22.0"))
                return ArbitraryText;
            bool oldAllows = set.Specifiers.Any(s => OldAllowsPrereleases(s, packaging));
            if (!set.Filter(candidates).SequenceEqual(set.Filter(candidates, oldAllows))) return FilterFallback;
        }
        return null;
    }
}
