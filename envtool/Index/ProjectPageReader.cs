using System.Text;
using EnvTool.Index.Errors;
using EnvTool.Index.Html;
using EnvTool.Index.Json;

namespace EnvTool.Index;

/// <summary>The files and versions one source offers for a project, before sources are combined.</summary>
internal sealed record SourcePage(IReadOnlyList<DistributionFile> Files, IReadOnlyList<string> Versions);

/// <summary>Chooses the page format from the response's Content-Type (PEP 691 content negotiation) and reads it.</summary>
internal static class ProjectPageReader
{
    /// <summary>What we ask servers for: JSON preferred, HTML accepted.</summary>
    public const string Accept = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";

    public const string JsonType = "application/vnd.pypi.simple.v1+json";

    public static SourcePage Read(byte[] body, string? contentType, Uri pageUrl, string source)
    {
        var isJson = contentType switch
        {
            JsonType or "application/json" => true,
            "application/vnd.pypi.simple.v1+html" or "text/html" or "application/xhtml+xml" => false,
            // No type given (or a file on disk): the first non-blank byte tells.
            null or "" => FirstNonBlank(body) == '{',
            _ => throw new MalformedIndexPageException(pageUrl.OriginalString, $"unexpected content type '{contentType}' (expected {JsonType} or text/html)"),
        };
        if (isJson)
        {
            var json = JsonProjectPage.Parse(body, pageUrl, source);
            return new SourcePage(json.Files, json.Versions);
        }
        return new SourcePage(HtmlProjectPage.Parse(Encoding.UTF8.GetString(body), pageUrl, source), []);
    }

    private static char FirstNonBlank(byte[] body)
    {
        foreach (var b in body)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)) return (char)b;
        return '\0';
    }
}
