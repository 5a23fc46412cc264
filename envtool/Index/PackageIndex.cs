using System.Collections.Concurrent;
using System.Security.Cryptography;
using EnvTool.Index.Errors;
using EnvTool.Index.Http;

namespace EnvTool.Index;

/// <summary>
/// The package sources of one command, combined as <see cref="IndexOptions"/> describes them.
/// <para>
/// Indexes are consulted in uv's order: every --extra-index-url in the order given, then --index-url
/// (or the default index). The first index that knows a project (answers its page with anything but
/// 404) is the only index that project is taken from: a same-named project on a later index is never
/// seen, so nobody can shadow a private package by publishing its name on a public index
/// ("dependency confusion"). An index that fails (unreachable, 5xx) stops the lookup with an error
/// instead of silently falling through to the next one, for the same reason.
/// </para>
/// <para>
/// Files from --find-links locations are always added to the files of the chosen index (or are the only
/// files, with --no-index). Responses are cached in the given HTTP cache directory; --offline uses only
/// that cache and local files.
/// </para>
/// Safe to call concurrently. Dispose to release connections.
/// </summary>
public sealed class PackageIndex : IPackageIndex, IDisposable
{
    private readonly IndexHttpClient _http;
    private readonly HttpCache _cache;
    private readonly IReadOnlyList<SimpleIndexSource> _indexes;
    private readonly IReadOnlyList<FindLinksSource> _findLinks;
    private readonly ConcurrentDictionary<string, Lazy<Task<ProjectPage>>> _pages = new(StringComparer.Ordinal);

    /// <param name="httpCacheDirectory">Where responses are cached; the CLI passes <c>&lt;store&gt;/cache/http</c>.</param>
    /// <param name="netrcPath">The netrc file for credentials; null means $NETRC, else ~/.netrc.</param>
    public PackageIndex(IndexOptions options, string httpCacheDirectory, string? netrcPath = null)
    {
        var indexUrls = new List<Uri>();
        if (!options.NoIndex)
        {
            foreach (var extra in options.ExtraIndexUrls) indexUrls.Add(ParseIndexUrl("--extra-index-url", extra));
            if ((options.IndexUrl ?? DefaultIndex.Url) is { } primary)
                indexUrls.Add(ParseIndexUrl("--index-url", primary));
        }
        var findLinks = options.FindLinks.Select(FindLinksSource.ParseLocation).ToList();
        if (!options.NoIndex && indexUrls.Count == 0 && findLinks.Count == 0)
            throw new NoIndexConfiguredException();

        _cache = new HttpCache(httpCacheDirectory);
        _http = new IndexHttpClient(_cache, options.Offline,
            new Lazy<NetrcFile>(() => NetrcFile.Load(netrcPath ?? NetrcFile.DefaultPath)),
            indexUrls.Concat(findLinks));
        _indexes = indexUrls.Select(url => new SimpleIndexSource(url, _http)).ToList();
        _findLinks = findLinks.Select(url => new FindLinksSource(url, _http)).ToList();
    }

    /// <summary>The indexes in the order they are consulted, credentials masked.</summary>
    public IReadOnlyList<string> IndexUrls => _indexes.Select(i => i.Display).ToList();

    public Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default)
    {
        var name = Standards.Names.PackageName.Normalize(normalizedName);
        // Concurrent callers share one load; it runs to completion even if the caller that started it
        // gives up, so one cancellation cannot fail the others.
        var lazy = _pages.GetOrAdd(name, n => new Lazy<Task<ProjectPage>>(() => LoadProjectAsync(n, CancellationToken.None)));
        var task = lazy.Value;
        // A failure is not remembered: the next caller tries again.
        task.ContinueWith(t => _pages.TryRemove(new KeyValuePair<string, Lazy<Task<ProjectPage>>>(name, lazy)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task.WaitAsync(cancellationToken);
    }

    private async Task<ProjectPage> LoadProjectAsync(string name, CancellationToken cancellationToken)
    {
        var files = new List<DistributionFile>();
        foreach (var source in _findLinks) files.AddRange(await source.GetAsync(name, cancellationToken));

        IReadOnlyList<string> versions = [];
        foreach (var index in _indexes)
        {
            if (await index.GetAsync(name, cancellationToken) is not { } page) continue;
            files.AddRange(page.Files.Where(f => ProjectFileNames.BelongsTo(f.FileName, name)));
            versions = page.Versions;
            break; // first index wins: see the class comment
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new ProjectPage(name, files.Where(f => seen.Add(f.Url.AbsoluteUri)).ToList()) { Versions = versions };
    }

    public async Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default)
    {
        if (!file.FileName.EndsWith(".whl", StringComparison.Ordinal))
            throw new ArgumentException($"{file.FileName} is not a wheel; only wheels carry core metadata", nameof(file));

        if (file.HasCoreMetadata && await GetMetadataFileAsync(file, cancellationToken) is { } metadata)
            return metadata;

        if (file.Url.IsFile)
            return WheelMetadataReader.Read(OpenLocal(file), file.FileName);

        // No PEP 658 file: download the wheel (verified against the index's hash) to a temporary file.
        await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var download = DownloadVerifier.For(await _http.OpenStreamAsync(file.Url, cancellationToken), file))
            await download.CopyToAsync(temp, cancellationToken);
        temp.Position = 0;
        return WheelMetadataReader.Read(temp, file.FileName);
    }

    /// <summary>The PEP 658 file (hash-checked), or null when the server does not have it after all.</summary>
    private async Task<byte[]?> GetMetadataFileAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        var url = new Uri(file.Url.AbsoluteUri + ".metadata");
        var fileName = file.FileName + ".metadata";
        if (url.IsFile)
        {
            if (!File.Exists(url.LocalPath)) return null;
            var local = await File.ReadAllBytesAsync(url.LocalPath, cancellationToken);
            CheckMetadataHash(file, fileName, url, local);
            return local;
        }

        var response = await _http.GetCachedAsync(url, "*/*", "metadata file", revalidate: false, cancellationToken);
        if (response is null) return null;
        if (response.FromCache && !MetadataHashMatches(file, response.Body))
        {
            // A stale cached copy (the index re-published the file): fetch it anew before blaming the index.
            _cache.Remove(url);
            response = await _http.GetCachedAsync(url, "*/*", "metadata file", revalidate: true, cancellationToken);
            if (response is null) return null;
        }
        CheckMetadataHash(file, fileName, url, response.Body);
        return response.Body;
    }

    private static bool MetadataHashMatches(DistributionFile file, byte[] body) =>
        !file.CoreMetadataHashes.TryGetValue("sha256", out var expected)
        || string.Equals(expected, Convert.ToHexStringLower(SHA256.HashData(body)), StringComparison.Ordinal);

    private static void CheckMetadataHash(DistributionFile file, string fileName, Uri url, byte[] body)
    {
        if (MetadataHashMatches(file, body)) return;
        throw new HashMismatchException(fileName, url.OriginalString,
            $"sha256:{file.CoreMetadataHashes["sha256"]}", $"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}");
    }

    public async Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        file.Url.IsFile ? OpenLocal(file) : await _http.OpenStreamAsync(file.Url, cancellationToken);

    private static FileStream OpenLocal(DistributionFile file)
    {
        try
        {
            return new FileStream(file.Url.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new IndexUnreachableException(file.Url, e is UnauthorizedAccessException ? "permission denied" : "no such file", e);
        }
    }

    private static Uri ParseIndexUrl(string option, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https" or "file"))
            throw new InvalidSourceException(option, value, "expected an http://, https:// or file:// URL");
        // Project pages are {index}/{name}/: without the trailing slash the last segment would be replaced.
        return url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
    }

    public void Dispose() => _http.Dispose();
}
