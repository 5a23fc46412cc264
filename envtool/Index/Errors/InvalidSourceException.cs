using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>An --index-url, --extra-index-url or --find-links value that cannot be a package source.</summary>
public sealed class InvalidSourceException : EnvToolException
{
    public InvalidSourceException(string option, string value, string problem)
        : base($"invalid {option} '{UrlRedaction.Redact(value)}': {problem}",
               "index URLs are http://, https:// or file:// URLs; --find-links also takes a directory or an HTML file")
    {
    }
}
