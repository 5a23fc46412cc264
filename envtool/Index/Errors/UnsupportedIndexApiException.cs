using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>The index speaks a major version of the simple repository API (PEP 629/691) that this
/// envtool does not know; reading it anyway could misinterpret it.</summary>
public sealed class UnsupportedIndexApiException : EnvToolException
{
    public UnsupportedIndexApiException(string location, string apiVersion)
        : base($"index page {UrlRedaction.Redact(location)} uses simple API version {apiVersion}; envtool understands 1.x only",
               "upgrade envtool, or use an index that serves API version 1")
    {
        Location = UrlRedaction.Redact(location);
        ApiVersion = apiVersion;
    }

    public string Location { get; }
    public string ApiVersion { get; }
}
