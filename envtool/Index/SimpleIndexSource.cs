using EnvTool.Index.Http;

namespace EnvTool.Index;

/// <summary>
/// One simple-API index (PEP 503/691): project pages at <c>{index URL}{normalized name}/</c>, over
/// http(s) through the cache, or from a file:// directory as <c>{dir}/{name}/index.json</c> or
/// <c>index.html</c>.
/// </summary>
internal sealed class SimpleIndexSource(Uri indexUrl, IndexHttpClient http)
{
    public Uri IndexUrl { get; } = indexUrl;

    /// <summary>The index URL as messages and lock files show it (credentials masked).</summary>
    public string Display { get; } = UrlRedaction.Redact(indexUrl);

    /// <summary>The project's page, or null when the index does not know the project (404, or no directory).</summary>
    public async Task<SourcePage?> GetAsync(string normalizedName, CancellationToken cancellationToken)
    {
        var pageUrl = new Uri(IndexUrl, Uri.EscapeDataString(normalizedName) + "/");
        if (pageUrl.IsFile)
        {
            var directory = pageUrl.LocalPath;
            foreach (var (name, type) in new[] { ("index.json", ProjectPageReader.JsonType), ("index.html", "text/html") })
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path))
                    return ProjectPageReader.Read(await File.ReadAllBytesAsync(path, cancellationToken), type, new Uri(path), Display);
            }
            return null;
        }
        var response = await http.GetCachedAsync(pageUrl, ProjectPageReader.Accept, "project page", revalidate: false, cancellationToken);
        return response is null ? null : ProjectPageReader.Read(response.Body, response.ContentType, response.FinalUrl, Display);
    }
}
