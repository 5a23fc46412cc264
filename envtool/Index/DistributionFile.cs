namespace EnvTool.Index;

/// <summary>
/// One file a source offers for a project (a wheel or an sdist), as a PEP 503/691 project page or a
/// find-links listing describes it. The index knows nothing of versions; callers parse
/// <see cref="FileName"/> (e.g. with WheelFileName).
/// </summary>
public sealed record DistributionFile
{
    public required string FileName { get; init; }
    /// <summary>Absolute URL (http, https or file) with any fragment removed.</summary>
    public required Uri Url { get; init; }
    /// <summary>Hash algorithm (lowercase, e.g. "sha256") to lowercase hex digest, from the fragment or JSON.</summary>
    public IReadOnlyDictionary<string, string> Hashes { get; init; } = new Dictionary<string, string>();
    public long? Size { get; init; }
    /// <summary>The project's Requires-Python as the index reports it (data-requires-python), unparsed.</summary>
    public string? RequiresPython { get; init; }
    /// <summary>null when not yanked; the reason (possibly empty) when yanked (PEP 592).</summary>
    public string? YankedReason { get; init; }
    public bool IsYanked => YankedReason is not null;
    /// <summary>PEP 658/714: the core metadata file is served at <c>Url + ".metadata"</c>.</summary>
    public bool HasCoreMetadata { get; init; }
    /// <summary>Hashes of that metadata file, when the index gave them.</summary>
    public IReadOnlyDictionary<string, string> CoreMetadataHashes { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset? UploadTime { get; init; }
    /// <summary>The index or find-links location this file came from (for messages and lock files).</summary>
    public required string Source { get; init; }

    public string? Sha256 => Hashes.TryGetValue("sha256", out var h) ? h : null;
}
