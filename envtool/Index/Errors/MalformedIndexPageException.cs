using EnvTool.Store.Errors;

namespace EnvTool.Index.Errors;

/// <summary>A project page or find-links page could not be understood. The message names the page
/// (redacted) and what is wrong with it.</summary>
public sealed class MalformedIndexPageException : EnvToolException
{
    public MalformedIndexPageException(string location, string problem, Exception? inner = null)
        : base($"malformed index page {UrlRedaction.Redact(location)}: {problem}",
               "the index serves a page envtool cannot read; report it to the index's operator or use another index",
               inner: inner)
    {
        Location = UrlRedaction.Redact(location);
        Problem = problem;
    }

    public string Location { get; }
    public string Problem { get; }
}
