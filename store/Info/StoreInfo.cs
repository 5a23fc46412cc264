namespace EnvTool.Store.Info;

/// <summary>What a store holds and how much space sharing saves.</summary>
/// <param name="LogicalBytes">The sum of every entry file's size: the space without deduplication.</param>
/// <param name="PhysicalBytes">Each object inode counted once, plus entry files that had to be copies; retained artifacts included.</param>
/// <param name="RetainedArtifactBytes">The part of PhysicalBytes spent on retained artifact files.</param>
/// <param name="DedupSavedBytes">LogicalBytes minus what the entries' files really occupy.</param>
public sealed record StoreInfo(
    string Root,
    long Artifacts,
    long Entries,
    long Objects,
    long Trees,
    long LogicalBytes,
    long PhysicalBytes,
    long RetainedArtifactBytes,
    long DedupSavedBytes)
{
    /// <summary>The read-only stores layered under this one (ENVTOOL_STORE_RO), with their entry counts.</summary>
    public IReadOnlyList<LayerInfo> ReadOnlyLayers { get; init; } = [];
}

/// <summary>One read-only store layered under the writable one.</summary>
public sealed record LayerInfo(string Root, long Entries);
