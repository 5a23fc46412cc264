namespace EnvTool.Store.Artifacts;

/// <summary>An artifact the catalog knows, as `store list` shows it.</summary>
/// <param name="HasEntry">Whether a published entry exists for it (repair may have dropped one it could not rebuild).</param>
/// <param name="Retained">Whether the artifact file itself is kept as an object.</param>
public sealed record ArtifactRecord(
    string Sha256,
    string FileName,
    string Name,
    string Version,
    IReadOnlyList<string> Labels,
    long Size,
    DateTimeOffset ImportedAt,
    DateTimeOffset LastUsedAt,
    bool HasEntry,
    bool Retained);
