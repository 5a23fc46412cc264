namespace EnvTool.Index.Html;

/// <summary>
/// Reads a PEP 503 project page (or a find-links page) into distribution files: every
/// <c>&lt;a href&gt;</c>, resolved against the page URL or its <c>&lt;base href&gt;</c>, with the PEP 503/592/658/714
/// data attributes. The page format is HTML, so reading is tolerant: a link that is not a distribution
/// URL is skipped, never an error.
/// </summary>
internal static class HtmlProjectPage
{
    public static IReadOnlyList<DistributionFile> Parse(string html, Uri pageUrl, string source)
    {
        var tags = HtmlStartTags.Scan(html, "a", "base", "meta").ToList();
        var pageIsLocal = pageUrl.IsFile;
        var baseUrl = pageUrl;
        foreach (var tag in tags)
        {
            if (tag.Name == "base" && tag.Attributes.TryGetValue("href", out var href) && href.Length > 0)
            {
                if (FileAttributes.ResolveLink(pageUrl, href, pageIsLocal, out _) is { } resolved) baseUrl = resolved;
                break;
            }
        }

        var files = new List<DistributionFile>();
        foreach (var tag in tags)
        {
            if (tag.Name == "meta")
            {
                if (tag.Attributes.TryGetValue("name", out var metaName) && metaName == "pypi:repository-version"
                    && tag.Attributes.TryGetValue("content", out var version))
                    FileAttributes.CheckApiVersion(pageUrl.OriginalString, version.Trim());
                continue;
            }
            if (tag.Name != "a" || !tag.Attributes.TryGetValue("href", out var link) || link.Length == 0) continue;
            if (FileAttributes.ResolveLink(baseUrl, link, pageIsLocal, out var fragment) is not { } url) continue;
            var fileName = FileAttributes.FileNameOf(url);
            if (fileName.Length == 0) continue;

            // PEP 714: data-core-metadata is the name; data-dist-info-metadata the older spelling.
            var hasMetadata = false;
            IReadOnlyDictionary<string, string> metadataHashes = new Dictionary<string, string>();
            if (tag.Attributes.TryGetValue("data-core-metadata", out var metadata)
                || tag.Attributes.TryGetValue("data-dist-info-metadata", out metadata))
                hasMetadata = FileAttributes.TryParseCoreMetadata(metadata.Trim(), out metadataHashes);

            tag.Attributes.TryGetValue("data-requires-python", out var requiresPython);
            tag.Attributes.TryGetValue("data-yanked", out var yanked);
            files.Add(new DistributionFile
            {
                FileName = fileName,
                Url = url,
                Hashes = FileAttributes.HashesFromFragment(fragment),
                RequiresPython = string.IsNullOrWhiteSpace(requiresPython) ? null : requiresPython.Trim(),
                YankedReason = yanked,
                HasCoreMetadata = hasMetadata,
                CoreMetadataHashes = metadataHashes,
                Source = source,
            });
        }
        return files;
    }
}
