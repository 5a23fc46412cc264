namespace EnvTool.Store.Entries;

/// <summary>A published, catalogued entry: the read-only directory holding an artifact's files.</summary>
/// <param name="Path">Absolute path of entries/&lt;sha256&gt;.</param>
public sealed record EntryRecord(string ArtifactSha256, string Path, int FileCount, long Bytes)
{
    /// <summary>
    /// Things the caller may want to tell the user (e.g. hard links are copies on this file system).
    /// Never printed by the store; not part of equality (the same entry is equal however it was reached).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool Equals(EntryRecord? other) =>
        other is not null && ArtifactSha256 == other.ArtifactSha256 && Path == other.Path && FileCount == other.FileCount && Bytes == other.Bytes;

    public override int GetHashCode() => HashCode.Combine(ArtifactSha256, Path, FileCount, Bytes);
}
