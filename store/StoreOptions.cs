using EnvTool.Store.Linking;

namespace EnvTool.Store;

/// <summary>Limits and seams for one opened store.</summary>
public sealed record StoreOptions
{
    /// <summary>Per artifact: the most bytes its files may add up to (a zip-bomb guard).</summary>
    public long MaxUnpackedBytes { get; init; } = 8L << 30;

    /// <summary>Per artifact: the most files it may hold.</summary>
    public int MaxFiles { get; init; } = 200_000;

    /// <summary>Keep the artifact file itself as an object, so verify can rebuild a damaged entry offline.</summary>
    public bool RetainArtifacts { get; init; } = true;

    /// <summary>
    /// Stores only read, consulted in order after this one (ENVTOOL_STORE_RO): their entries are used
    /// in place, everything new goes to this store.
    /// </summary>
    public IReadOnlyList<string> ReadOnlyLayers { get; init; } = [];

    /// <summary>The hard-link primitive; null = link(2). Tests inject EMLINK/EXDEV/EPERM through it.</summary>
    public ILinkSystem? Links { get; init; }
}
