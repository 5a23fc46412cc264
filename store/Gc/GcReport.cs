namespace EnvTool.Store.Gc;

public enum GcItemKind
{
    /// <summary>A registered environment whose path is gone or no longer leads to its tree.</summary>
    Environment,
    /// <summary>A generation pruned by --keep-generations or --older-than.</summary>
    Generation,
    /// <summary>A root row that keeps nothing any more (ephemeral environment gone or expired, operation whose process died).</summary>
    Root,
    Tree,
    Overlay,
    Entry,
    /// <summary>An artifact row whose entry was already gone.</summary>
    Artifact,
    Object,
    /// <summary>A directory or file in objects/, entries/, trees/ or overlays/ the catalog does not list (left by a crash).</summary>
    Debris,
    /// <summary>A staging directory in tmp/ whose owner is gone.</summary>
    Staging,
    /// <summary>A cached response past its lifetime.</summary>
    CacheFile,
}

/// <summary>One thing gc removed (or, in a dry run, would remove).</summary>
/// <param name="Name">What it is: a path, a key, an artifact sha256, "environment generation N".</param>
/// <param name="Detail">Why, for environments and roots; else null.</param>
/// <param name="Evicted">Removed by --max-size (it was unreferenced but inside the grace window).</param>
public sealed record GcItem(GcItemKind Kind, string Name, string? Detail = null, bool Evicted = false);

/// <summary>What a garbage collection did (or would do).</summary>
/// <param name="FreedBytes">Physical bytes freed: each inode counted once, and only when its last name went.</param>
/// <param name="Notes">Things worth a line of their own: environments kept because another process was changing them, objects kept for operations in flight, a size limit that could not be met.</param>
/// <param name="StoreBytesBefore">The store's physical size before (only measured with a size limit).</param>
/// <param name="StoreBytesAfter">Its size after (predicted in a dry run); only with a size limit.</param>
/// <param name="Fits">False when a size limit was given and could not be met without touching rooted things.</param>
public sealed record GcReport(
    bool DryRun,
    long FreedBytes,
    IReadOnlyList<GcItem> Items,
    IReadOnlyList<string> Notes,
    long? MaxSize,
    long? StoreBytesBefore,
    long? StoreBytesAfter,
    bool Fits)
{
    public int Count(GcItemKind kind) => Items.Count(i => i.Kind == kind);
}
