using EnvTool.Store.Artifacts;

namespace EnvTool.Store.Verify;

/// <summary>How thoroughly to check a store and whether to fix what is found.</summary>
public sealed record VerifyOptions
{
    /// <summary>Re-hash every object. Otherwise objects whose inode, size, mtime and ctime are unchanged since their last successful check are skipped.</summary>
    public bool Full { get; init; }

    /// <summary>Fix what can be fixed: drop corrupt objects and the entries using them, rebuild entries from retained artifacts, remove debris.</summary>
    public bool Repair { get; init; }

    /// <summary>
    /// Turns a retained artifact back into a source so repair can re-import its entry: given the
    /// artifact's record and the path of its retained file, returns a source, or null if it cannot.
    /// Without it, damaged entries are removed but not rebuilt.
    /// </summary>
    public Func<ArtifactRecord, string, IArtifactSource?>? Reopen { get; init; }

    /// <summary>How many objects are hashed at once; null = one per processor.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>
    /// Uncatalogued objects younger than this are left alone: an import in another process links
    /// its objects before it commits their rows.
    /// </summary>
    public TimeSpan OrphanGrace { get; init; } = TimeSpan.FromMinutes(10);
}
