using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>A package source could not be reached at all (DNS, refused connection, TLS, timeout).</summary>
public sealed class IndexUnreachableException : EnvToolException
{
    public IndexUnreachableException(Uri url, string reason, Exception? inner = null)
        : base($"cannot reach {UrlRedaction.Redact(url)}: {reason}",
               "check the network and the address, choose another index with --index-url, or use --offline to work from the cache",
               inner: inner)
    {
        Url = UrlRedaction.Redact(url);
    }

    /// <summary>The URL, redacted.</summary>
    public string Url { get; }
}
