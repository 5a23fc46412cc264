namespace EnvTool.Store.Gc;

/// <summary>What a garbage collection may remove.</summary>
public sealed record GcOptions
{
    /// <summary>Report what would be removed, remove nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Keep only the newest N generations of each environment (the current one always stays).</summary>
    public int? KeepGenerations { get; init; }

    /// <summary>
    /// Delete non-current generations created longer ago than this; also the age after which cached
    /// responses go (instead of <see cref="CacheLifetime"/>).
    /// </summary>
    public TimeSpan? OlderThan { get; init; }

    /// <summary>After collecting, evict least-recently-used unreferenced entries until the store's physical size fits.</summary>
    public long? MaxSize { get; init; }

    /// <summary>
    /// Trees, entries, overlays and artifacts made or used more recently than this are kept even when
    /// unrooted: the steps of a command that just started (import, build, switch) are not collected
    /// between one another. <see cref="MaxSize"/> may still evict unreferenced entries inside it.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Cached responses (cache/) not written for this long are removed, unless <see cref="OlderThan"/> says otherwise.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromDays(7);
}
