using EnvTool.Index;

namespace EnvTool.Install;

/// <summary>A project held at one file: a local wheel the user named, or an installed package that came from one.</summary>
/// <param name="MetadataPath">The METADATA file to use instead of reading the wheel (for an installed package: its entry's dist-info); null to read the wheel.</param>
public sealed record PinnedFile(DistributionFile File, string? MetadataPath);

/// <summary>
/// The index as one install sees it: for each pinned project, a page with only its pinned file, so the
/// resolver takes that exact wheel (and resolves its dependencies from the real sources); every other
/// project comes from <paramref name="inner"/>.
/// </summary>
internal sealed class PinnedIndex(IPackageIndex inner, IReadOnlyDictionary<string, PinnedFile> pinned) : IPackageIndex
{
    // One lookup per wheel, not a scan of every pin (a set of a hundred local wheels asks a hundred times).
    private readonly Dictionary<DistributionFile, string?> _metadataPaths = pinned.Values.ToDictionary(p => p.File, p => p.MetadataPath);

    public Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default) =>
        pinned.TryGetValue(normalizedName, out var file)
            ? Task.FromResult(new ProjectPage(normalizedName, [file.File]))
            : inner.GetProjectAsync(normalizedName, cancellationToken);

    public Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        _metadataPaths.GetValueOrDefault(file) is { } path
            ? File.ReadAllBytesAsync(path, cancellationToken)
            : inner.GetCoreMetadataAsync(file, cancellationToken);

    public Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(file, cancellationToken);
}

/// <summary><c>--no-deps</c>: every distribution's metadata as if it required nothing.</summary>
internal sealed class NoDependenciesIndex(IPackageIndex inner) : IPackageIndex
{
    public Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default) =>
        inner.GetProjectAsync(normalizedName, cancellationToken);

    public async Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default)
    {
        var bytes = await inner.GetCoreMetadataAsync(file, cancellationToken);
        var text = Standards.Metadata.TolerantUtf8.Decode(Standards.Metadata.CoreMetadata.HeaderBlock(bytes));
        var kept = new List<string>();
        var dropping = false;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // A header's continuation lines start with whitespace and go with it.
            if (line.Length > 0 && line[0] is ' ' or '\t') { if (!dropping) kept.Add(line); continue; }
            dropping = line.StartsWith("Requires-Dist:", StringComparison.OrdinalIgnoreCase);
            if (!dropping) kept.Add(line);
        }
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n\n");
    }

    public Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(file, cancellationToken);
}

/// <summary>
/// Remembers each wheel's metadata once fetched, so describing a resolution afterwards asks no source
/// again. It lives for one command, where any failure ends the command, so failures are remembered too.
/// </summary>
internal sealed class RememberingIndex(IPackageIndex inner) : IPackageIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<byte[]>> _metadata = new(StringComparer.Ordinal);

    public Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default) =>
        inner.GetProjectAsync(normalizedName, cancellationToken);

    public Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        _metadata.GetOrAdd(file.Url.AbsoluteUri, _ => inner.GetCoreMetadataAsync(file, cancellationToken));

    public Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(file, cancellationToken);
}
