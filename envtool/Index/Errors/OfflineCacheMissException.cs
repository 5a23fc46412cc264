using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>--offline was given and what was asked for is not in the HTTP cache (or, for wheels,
/// would need a download).</summary>
public sealed class OfflineCacheMissException : EnvToolException
{
    public OfflineCacheMissException(Uri url, string what)
        : base($"offline: {what} {UrlRedaction.Redact(url)} is not cached",
               "run once without --offline to fill the cache, or add a --find-links directory that has the files")
    {
        Url = UrlRedaction.Redact(url);
    }

    public string Url { get; }
}
