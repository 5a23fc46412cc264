using EnvTool.Standards.Markers;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using Tomlyn.Model;

namespace EnvTool.Standards.Locks;

/// <summary>
/// One <c>[[packages]]</c> entry of a lock file. Its source is either distributions (wheels and/or an
/// sdist) or exactly one direct reference (vcs, directory or archive). envtool installs wheels only;
/// <see cref="WhyNotInstallable"/> says why an entry cannot be installed.
/// </summary>
public sealed record LockedPackage
{
    /// <summary>Always in PEP 503 normal form (the lock format requires it).</summary>
    public required PackageName Name { get; init; }
    /// <summary>Absent for source trees whose version cannot be known in advance.</summary>
    public Pep440Version? Version { get; init; }
    /// <summary>When the package applies; null means always.</summary>
    public Marker? Marker { get; init; }
    public SpecifierSet? RequiresPython { get; init; }
    /// <summary>The <c>dependencies</c> tables as written; informational only (PEP 751 forbids using them to install).</summary>
    public IReadOnlyList<TomlTable>? Dependencies { get; init; }
    /// <summary>The simple-API index the files came from.</summary>
    public string? Index { get; init; }

    public LockedVcs? Vcs { get; init; }
    public LockedDirectory? Directory { get; init; }
    public LockedArchive? Archive { get; init; }
    public LockedSdist? Sdist { get; init; }
    /// <summary>Empty when the package has no wheels.</summary>
    public IReadOnlyList<LockedWheel> Wheels { get; init; } = [];

    /// <summary>The <c>attestation-identities</c> tables as written.</summary>
    public IReadOnlyList<TomlTable>? AttestationIdentities { get; init; }
    /// <summary>The <c>[packages.tool]</c> table, kept opaque (it must not affect installation).</summary>
    public TomlTable? Tool { get; init; }

    /// <summary><c>name</c> or <c>name==version</c>, for messages.</summary>
    public string Display => Version is null ? Name.Normalized : $"{Name.Normalized}=={Version}";

    /// <summary>
    /// Null when the package has wheels; otherwise why envtool cannot install it, e.g.
    /// <c>it is locked as a git checkout</c>.
    /// </summary>
    public string? WhyNotInstallable =>
        Wheels.Count > 0 ? null
        : Vcs is not null ? $"it is locked as a {Vcs.Type} checkout ({Vcs.Url ?? Vcs.Path} at {Vcs.CommitId}), which would have to be built"
        : Directory is not null ? $"it is locked as the local source tree '{Directory.Path}', which would have to be built"
        : Archive is not null ? $"it is locked as the archive '{Archive.Url ?? Archive.Path}', a direct reference envtool does not install"
        : Sdist is not null ? $"it has only a source distribution ({Sdist.Name}), which would have to be built"
        : "it names no source";

    /// <summary>
    /// Null when the sources follow the PEP: no direct reference together with distributions, at most
    /// one direct reference, and at least one source of some kind.
    /// </summary>
    internal string? SourceProblem()
    {
        var direct = new List<string>(3);
        if (Vcs is not null) direct.Add("vcs");
        if (Directory is not null) direct.Add("directory");
        if (Archive is not null) direct.Add("archive");
        var distributions = new List<string>(2);
        if (Sdist is not null) distributions.Add("sdist");
        if (Wheels.Count > 0) distributions.Add("wheels");

        if (direct.Count > 1)
            return $"{string.Join(" and ", direct)} are mutually exclusive: a package has one direct source";
        if (direct.Count == 1 && distributions.Count > 0)
            return $"{direct[0]} cannot be combined with {string.Join(" or ", distributions)}";
        if (direct.Count == 0 && distributions.Count == 0)
            return "no source: one of wheels, sdist, archive, directory or vcs is required";
        return null;
    }
}
