namespace EnvTool.Index;

/// <summary>
/// What the resolver and installer need from package sources. The implementation combines the
/// configured index URLs and find-links locations (see IndexOptions) and caches HTTP responses.
/// </summary>
public interface IPackageIndex
{
    /// <summary>The project's files; an empty page when no source knows the project.</summary>
    Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default);

    /// <summary>The core metadata (METADATA bytes) of one wheel: the PEP 658 file when the index serves
    /// one (hash-checked), else read from the wheel itself.</summary>
    Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default);

    /// <summary>Opens the file's bytes as a stream (downloading, or the local file for file:// and
    /// find-links directories). The caller verifies the hash while it reads.</summary>
    Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default);
}
