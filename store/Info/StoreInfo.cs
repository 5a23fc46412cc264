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
    long DedupSavedBytes);
