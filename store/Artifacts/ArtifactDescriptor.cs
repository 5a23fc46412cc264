namespace EnvTool.Store.Artifacts;

/// <summary>What the caller knows about an artifact before unpacking it. The store knows nothing about its format.</summary>
/// <param name="Sha256">Of the artifact file's bytes, lowercase hex: the artifact's identity.</param>
/// <param name="FileName">E.g. "flask-3.1.3-py3-none-any.whl".</param>
/// <param name="Name">Display name, e.g. "flask".</param>
/// <param name="Labels">E.g. the wheel's tags.</param>
/// <param name="RetainPath">The artifact file to keep (as an object) so verify can rebuild the entry; null = don't keep.</param>
public sealed record ArtifactDescriptor(
    string Sha256,
    long Size,
    string FileName,
    string Name,
    string Version,
    IReadOnlyList<string> Labels,
    string? RetainPath);
