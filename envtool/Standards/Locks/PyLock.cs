using EnvTool.Standards.Markers;
using EnvTool.Standards.Versions;
using Tomlyn.Model;

namespace EnvTool.Standards.Locks;

/// <summary>
/// A PEP 751 lock file (<c>pylock.toml</c>): what to install, per environment, without resolving.
/// Read with <see cref="PyLockReader"/>, written with <see cref="PyLockWriter"/>, and narrowed to one
/// interpreter with <see cref="LockSelection"/>.
/// </summary>
public sealed record PyLock
{
    /// <summary>The format version envtool writes and fully understands.</summary>
    public const string FormatVersion = "1.0";

    /// <summary>What <see cref="PyLockWriter"/> records as <c>created-by</c>.</summary>
    public const string Creator = "envtool";

    /// <summary><c>lock-version</c> as written, e.g. "1.0".</summary>
    public string LockVersion { get; init; } = FormatVersion;
    /// <summary>Markers of the environments the lock supports; null when it does not say (any environment).</summary>
    public IReadOnlyList<Marker>? Environments { get; init; }
    public SpecifierSet? RequiresPython { get; init; }
    /// <summary>Extras the lock supports, normalized. Null when absent; empty when the lock says "none".</summary>
    public IReadOnlyList<string>? Extras { get; init; }
    /// <summary>Dependency groups users may ask for. Null when absent.</summary>
    public IReadOnlyList<string>? DependencyGroups { get; init; }
    /// <summary>Synthetic groups installed by default. Null when absent.</summary>
    public IReadOnlyList<string>? DefaultGroups { get; init; }
    public required string CreatedBy { get; init; }
    public required IReadOnlyList<LockedPackage> Packages { get; init; }
    /// <summary>The top-level <c>[tool]</c> table, kept opaque.</summary>
    public TomlTable? Tool { get; init; }

    /// <summary>The file it was read from (as the caller named it), for messages; null for a lock built in memory.</summary>
    public string? File { get; init; }
    /// <summary>The directory relative paths in the lock are relative to; null for a lock built in memory.</summary>
    public string? Directory { get; init; }
    /// <summary>Things the reader tolerated but reports, e.g. keys of a newer minor format version. Each names file:line.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// A <c>path</c> from the lock made absolute: relative paths are relative to the lock file's
    /// directory (or the current directory for a lock built in memory).
    /// </summary>
    public string ResolvePath(string path) =>
        System.IO.Path.GetFullPath(path, Directory ?? Environment.CurrentDirectory);
}
