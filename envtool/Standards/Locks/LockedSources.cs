using EnvTool.Standards.Wheels;

namespace EnvTool.Standards.Locks;

/// <summary>
/// A file a lock names by URL and/or path, with the size and hashes an installer must verify after
/// fetching it. <see cref="Path"/> is kept as written; when relative it is relative to the lock
/// file's directory (<see cref="PyLock.ResolvePath"/>).
/// </summary>
public abstract record LockedFile
{
    public string? Url { get; init; }
    public string? Path { get; init; }
    public long? Size { get; init; }
    /// <summary>When the file was uploaded to its index, in UTC.</summary>
    public DateTimeOffset? UploadTime { get; init; }
    public required FileHashes Hashes { get; init; }
}

/// <summary>One entry of <c>[[packages.wheels]]</c>.</summary>
public sealed record LockedWheel : LockedFile
{
    /// <summary>The wheel's file name (from <c>name</c>, or the last part of its path or URL).</summary>
    public required WheelFileName Name { get; init; }
}

/// <summary><c>[packages.sdist]</c>: a source distribution, which envtool does not build.</summary>
public sealed record LockedSdist : LockedFile
{
    /// <summary>The sdist's file name, e.g. <c>attrs-25.1.0.tar.gz</c>.</summary>
    public required string Name { get; init; }
}

/// <summary><c>[packages.archive]</c>: a direct reference to an archive (a wheel, an sdist or another source archive).</summary>
public sealed record LockedArchive : LockedFile
{
    public string? Subdirectory { get; init; }
}

/// <summary><c>[packages.directory]</c>: a local source tree.</summary>
public sealed record LockedDirectory
{
    public required string Path { get; init; }
    public bool Editable { get; init; }
    public string? Subdirectory { get; init; }
}

/// <summary><c>[packages.vcs]</c>: a version-control checkout pinned to one commit.</summary>
public sealed record LockedVcs
{
    /// <summary>"git", "hg", "bzr" or "svn" (the direct URL registry of VCS names).</summary>
    public required string Type { get; init; }
    public string? Url { get; init; }
    public string? Path { get; init; }
    /// <summary>What the user asked for (a branch, a tag); informational, never checked out.</summary>
    public string? RequestedRevision { get; init; }
    public required string CommitId { get; init; }
    public string? Subdirectory { get; init; }
}
