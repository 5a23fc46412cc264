using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Resolve;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.RequirementsFiles;

namespace EnvTool.Install;

/// <summary>Where packages come from and the rules for choosing them, for one resolving command.</summary>
public sealed record InstallSources
{
    /// <summary>Indexes and find-links, with the requirements files' option lines already applied.</summary>
    public IndexOptions Index { get; init; } = new();

    /// <summary>Where HTTP responses are cached: <c>&lt;store&gt;/cache/http</c>.</summary>
    public required string HttpCacheDirectory { get; init; }

    public PrereleaseMode Prereleases { get; init; } = PrereleaseMode.IfNecessaryOrExplicit;

    /// <summary><c>-c</c>: limit versions of packages that something requires; never add one.</summary>
    public IReadOnlyList<Requirement> Constraints { get; init; } = [];

    /// <summary>The <c>-r</c> files, for hash-checking mode (their <c>--hash</c> values).</summary>
    public IReadOnlyList<RequirementsFile> RequirementFiles { get; init; } = [];

    /// <summary><c>--require-hashes</c> on the command line.</summary>
    public bool RequireHashes { get; init; }

    /// <summary><c>--no-deps</c>: install what is named, without its dependencies.</summary>
    public bool NoDependencies { get; init; }

    /// <summary>How many wheels are downloaded at once.</summary>
    public int ParallelDownloads { get; init; } = 8;

    /// <summary>Whether an index or find-links location is configured (on the command line, in a file, or by environment variable).</summary>
    public bool HasSource => Index.FindLinks.Count > 0 || UsesIndex;

    /// <summary>Whether a package index (not only find-links) is consulted: one is configured and --no-index is not given.</summary>
    public bool UsesIndex => !Index.NoIndex && (Index.ExtraIndexUrls.Count > 0 || (Index.IndexUrl ?? DefaultIndex.Url) is not null);

    /// <summary>
    /// The package index. With no source configured, <paramref name="allowEmpty"/> gives an index that
    /// knows nothing (for requests that name only local wheels and installed packages); otherwise
    /// <see cref="NoIndexConfiguredException"/>.
    /// </summary>
    public PackageIndex Open(bool allowEmpty)
    {
        if (HasSource || Index.NoIndex) return new PackageIndex(Index, HttpCacheDirectory);
        if (!allowEmpty) throw new NoIndexConfiguredException();
        return new PackageIndex(Index with { NoIndex = true }, HttpCacheDirectory);
    }
}
