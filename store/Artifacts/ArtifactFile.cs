namespace EnvTool.Store.Artifacts;

/// <summary>One file of an artifact.</summary>
/// <param name="Path">Relative, '/'-separated, already validated by the caller (the store re-checks it cannot escape).</param>
/// <param name="Size">The size the artifact declares; a stream of another length aborts the import.</param>
/// <param name="ExpectedSha256">Lowercase hex, or null when the format carries no hash for this file.</param>
/// <param name="Open">Opens the file's bytes; called at most once per import.</param>
public sealed record ArtifactFile(
    string Path,
    long Size,
    string? ExpectedSha256,
    bool Executable,
    Func<Stream> Open);
