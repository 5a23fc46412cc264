using EnvTool.Standards.Markers;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;

namespace EnvTool.Standards.RequirementsFiles;

/// <summary>
/// pip's hash-checking mode for a requirements file. It is on when asked for (<c>--require-hashes</c> on
/// the command line or in the file) and also, as in pip, as soon as any requirement carries a
/// <c>--hash</c>. Then every requirement that applies must be pinned to one version (a single <c>==</c>
/// without a wildcard, or <c>===</c>), or be a direct URL, and must carry at least one hash (a URL may
/// carry it in its <c>#sha256=…</c> fragment). Constraints (<c>-c</c>) install nothing and are not checked.
/// The installer compares each downloaded file with <see cref="HashesFor"/>; a package not listed (a
/// dependency nobody pinned) must be refused, as pip refuses it.
/// </summary>
public sealed class RequireHashes
{
    private readonly Dictionary<PackageName, RequirementsEntry> _pinned;

    private RequireHashes(bool isOn, string? reason, Dictionary<PackageName, RequirementsEntry> pinned)
    {
        IsOn = isOn;
        Reason = reason;
        _pinned = pinned;
    }

    /// <summary>Whether hash-checking mode is on; when off, <see cref="Check"/> accepted everything.</summary>
    public bool IsOn { get; }

    /// <summary>Why the mode is on, for messages, e.g. "--require-hashes is given" or "requirements.txt:3 gives --hash".</summary>
    public string? Reason { get; }

    /// <summary>
    /// Checks <paramref name="file"/>; throws <see cref="FileParseException"/> naming file:line for the
    /// first requirement that is not pinned or has no hash.
    /// </summary>
    /// <param name="commandLine">--require-hashes was given on the command line.</param>
    /// <param name="target">When given, requirements whose marker does not hold are skipped, as pip ignores them.</param>
    public static RequireHashes Check(RequirementsFile file, bool commandLine = false, MarkerEnvironment? target = null)
    {
        var requirements = file.Entries.Where(e => !e.IsConstraint).ToList();
        var reason = commandLine ? "--require-hashes is given"
            : file.Options.RequireHashes ? "the requirements file asks for --require-hashes"
            : requirements.FirstOrDefault(e => e.Hashes.Count > 0) is { } hashed ? $"{hashed.Location} gives --hash"
            : null;
        var pinned = new Dictionary<PackageName, RequirementsEntry>();
        if (reason is null) return new RequireHashes(false, null, pinned);

        var hint = $"hash-checking mode is on because {reason}";
        foreach (var entry in requirements)
        {
            var requirement = entry.Requirement;
            if (target is not null && requirement.Marker is { } marker && !marker.Evaluate(target))
                continue;
            if (requirement.Url is null && !IsPinned(requirement.Specifier))
                throw new FileParseException(entry.File, entry.Line,
                    $"'{entry.Text}' is not pinned: in hash-checking mode every requirement must name one version with '==' (e.g. '{requirement.Name}==1.2.3')", hint);
            if (entry.Hashes.Count == 0 && (requirement.Url is null || UrlHash(requirement.Url) is null))
                throw new FileParseException(entry.File, entry.Line,
                    $"'{entry.Text}' has no --hash: in hash-checking mode every requirement needs the hash of each file it may install",
                    $"{hint}; add e.g. --hash=sha256:<hex digest of the file>");
            if (pinned.TryGetValue(requirement.Name, out var earlier))
                throw new FileParseException(entry.File, entry.Line,
                    $"'{requirement.Name}' is required twice (also at {earlier.Location}); in hash-checking mode give each package once with all its hashes", hint);
            pinned.Add(requirement.Name, entry);
        }
        return new RequireHashes(true, reason, pinned);
    }

    /// <summary>
    /// The hashes a downloaded file of <paramref name="name"/> may have: the <c>--hash</c> values, plus the
    /// URL fragment's hash for a direct URL. Null when the package was not pinned in the file.
    /// </summary>
    public IReadOnlyList<RecordHash>? HashesFor(PackageName name)
    {
        if (!_pinned.TryGetValue(name, out var entry)) return null;
        return entry.Requirement.Url is { } url && UrlHash(url) is { } fragment ? [.. entry.Hashes, fragment] : entry.Hashes;
    }

    /// <summary>A single <c>==</c> without a trailing <c>.*</c>, or a single <c>===</c>: what pip calls pinned.</summary>
    private static bool IsPinned(Versions.SpecifierSet specifiers) =>
        specifiers.Specifiers is [var only]
        && (only.Operator == "===" || only.Operator == "==" && !only.Version.EndsWith(".*", StringComparison.Ordinal));

    /// <summary>The <c>#sha256=hex</c> (or sha384/sha512) fragment of a URL, as pip reads it.</summary>
    private static RecordHash? UrlHash(string url)
    {
        var hash = url.IndexOf('#');
        if (hash < 0) return null;
        foreach (var part in url[(hash + 1)..].Split('&'))
        {
            var eq = part.IndexOf('=');
            if (eq < 0 || part[..eq] is not ("sha256" or "sha384" or "sha512")) continue;
            try { return RecordHash.FromHex(part[..eq], part[(eq + 1)..]); }
            catch (ParseException) { return null; }
        }
        return null;
    }
}
