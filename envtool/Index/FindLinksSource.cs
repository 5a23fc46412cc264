using EnvTool.Index.Errors;
using EnvTool.Index.Html;
using EnvTool.Index.Http;

namespace EnvTool.Index;

/// <summary>
/// One --find-links location: a local directory (its files are listed directly), a local HTML file, or an
/// http(s) page of links. Every project's files sit side by side, so the listing is read once and
/// filtered per project.
/// </summary>
internal sealed class FindLinksSource
{
    private readonly Uri _location;
    private readonly IndexHttpClient _http;
    private readonly Lazy<Task<IReadOnlyList<DistributionFile>>> _all;

    public FindLinksSource(Uri location, IndexHttpClient http)
    {
        _location = location;
        _http = http;
        Display = location.IsFile ? location.LocalPath : UrlRedaction.Redact(location);
        _all = new(() => LoadAsync(CancellationToken.None));
    }

    public string Display { get; }

    /// <summary>Parses a --find-links value: an http(s) or file URL, or a path (relative to the current directory).</summary>
    public static Uri ParseLocation(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "file")
            return url;
        if (value.Contains("://", StringComparison.Ordinal))
            throw new InvalidSourceException("--find-links", value, "only http://, https:// and file:// URLs, or local paths, are supported");
        return new Uri(Path.GetFullPath(value));
    }

    public async Task<IReadOnlyList<DistributionFile>> GetAsync(string normalizedName, CancellationToken cancellationToken)
    {
        var all = await _all.Value.WaitAsync(cancellationToken);
        return all.Where(f => ProjectFileNames.BelongsTo(f.FileName, normalizedName)).ToList();
    }

    private async Task<IReadOnlyList<DistributionFile>> LoadAsync(CancellationToken cancellationToken)
    {
        if (!_location.IsFile)
        {
            var response = await _http.GetCachedAsync(_location, "text/html", "find-links page", revalidate: false, cancellationToken)
                ?? throw new IndexHttpException(_location, 404, "Not Found");
            return HtmlProjectPage.Parse(System.Text.Encoding.UTF8.GetString(response.Body), response.FinalUrl, Display);
        }
        var path = _location.LocalPath;
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Order(StringComparer.Ordinal)
                .Select(file => new DistributionFile
                {
                    FileName = Path.GetFileName(file),
                    Url = new Uri(file),
                    Size = new FileInfo(file).Length,
                    Source = Display,
                })
                .ToList();
        }
        if (File.Exists(path))
            return HtmlProjectPage.Parse(await File.ReadAllTextAsync(path, cancellationToken), _location, Display);
        throw new InvalidSourceException("--find-links", Display, "no such directory or file");
    }
}
