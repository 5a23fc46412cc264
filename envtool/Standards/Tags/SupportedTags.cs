using EnvTool.Python;

namespace EnvTool.Standards.Tags;

/// <summary>
/// The tags one interpreter accepts, best first, with O(1) rank lookup for choosing among a release's wheels
/// (lower rank = preferred; a wheel's rank is the best rank of any of its tags).
/// </summary>
/// <remarks>
/// <see cref="For"/> reproduces <c>packaging.tags.sys_tags()</c> of packaging 24.x, the newest vendored by
/// the pips we test against. Older packaging (21.3, vendored up to pip 23) differs in ways we deliberately
/// do not copy: it omits <c>cpXY-none-any</c> (newer packaging puts it right before <c>pyXY-none-any</c>),
/// offers abi3 to free-threaded builds, maps 32-bit aarch64 to armv7l only (newer: armv8l then armv7l),
/// derives non-CPython ABIs from SOABI instead of EXT_SUFFIX, and knows fewer manylinux architectures.
/// iOS and Android platform tags (packaging 24.2+/25) are not produced: such interpreters get the generic
/// sysconfig platform, as packaging 24.1 gives them.
/// </remarks>
public sealed class SupportedTags
{
    private readonly Dictionary<Tag, int> _rank;

    /// <param name="tagsBestFirst">Duplicates keep their first (best) rank.</param>
    public SupportedTags(IEnumerable<Tag> tagsBestFirst)
    {
        var tags = new List<Tag>();
        _rank = new Dictionary<Tag, int>();
        foreach (var tag in tagsBestFirst)
            if (_rank.TryAdd(tag, tags.Count)) tags.Add(tag);
        Tags = tags;
    }

    /// <summary>Best first, without duplicates.</summary>
    public IReadOnlyList<Tag> Tags { get; }

    public static SupportedTags For(InterpreterInfo info)
    {
        var platforms = PlatformTags.For(info);
        var name = InterpreterTags.InterpreterName(info.Implementation);
        var specific = name == "cp"
            ? InterpreterTags.CPython(info.Major, info.Minor, InterpreterTags.CPythonAbis(info), platforms)
            : InterpreterTags.Generic(name + InterpreterTags.InterpreterVersion(info), InterpreterTags.GenericAbis(info), platforms);
        var interpreterAny = name switch
        {
            "pp" => "pp3",
            "cp" => "cp" + InterpreterTags.InterpreterVersion(info),
            _ => null,
        };
        return new SupportedTags(specific.Concat(InterpreterTags.Compatible(info.Major, info.Minor, interpreterAny, platforms)));
    }

    /// <summary>0 for the most preferred tag; null when the interpreter cannot use it.</summary>
    public int? Rank(Tag tag) => _rank.TryGetValue(tag, out var rank) ? rank : null;

    public bool Supports(Tag tag) => _rank.ContainsKey(tag);

    /// <summary>The best rank among a wheel's tags (a compressed set), or null when none is supported.</summary>
    public int? BestRank(IEnumerable<Tag> tags)
    {
        int? best = null;
        foreach (var tag in tags)
            if (_rank.TryGetValue(tag, out var rank) && (best is null || rank < best))
                best = rank;
        return best;
    }
}
