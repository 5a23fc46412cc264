using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>A package source answered with an HTTP error status (other than 404 on a project page, which
/// means "no such project").</summary>
public sealed class IndexHttpException : EnvToolException
{
    public IndexHttpException(Uri url, int statusCode, string? reasonPhrase)
        : base($"{UrlRedaction.Redact(url)} answered HTTP {statusCode}{(string.IsNullOrEmpty(reasonPhrase) ? "" : " " + reasonPhrase)}",
               HintFor(statusCode))
    {
        Url = UrlRedaction.Redact(url);
        StatusCode = statusCode;
    }

    /// <summary>The URL, redacted.</summary>
    public string Url { get; }
    public int StatusCode { get; }

    private static string HintFor(int status) => status switch
    {
        401 or 403 => "the index wants credentials: put them in the URL (https://user:password@host/...) or in ~/.netrc (NETRC overrides the path)",
        >= 500 => "the server failed; try again later, use another index with --index-url, or --offline to work from the cache",
        _ => "check the index URL (--index-url / --extra-index-url / --find-links)",
    };
}
