using System.Globalization;

namespace EnvTool.Index;

/// <summary>
/// The per-file facts the two page formats share, parsed one way: hash fragments
/// (<c>#sha256=&lt;hex&gt;</c>) and PEP 658/714 core-metadata values (<c>true</c> or <c>sha256=&lt;hex&gt;</c>).
/// </summary>
internal static class FileAttributes
{
    private static readonly IReadOnlyDictionary<string, string> NoHashes = new Dictionary<string, string>();

    /// <summary>The hash a URL fragment (without '#') names (<c>sha256=ABC</c> → sha256 → abc); other fragments
    /// (egg=, subdirectory=) name none.</summary>
    public static IReadOnlyDictionary<string, string> HashesFromFragment(string fragment)
    {
        return TryParseHash(fragment, out var algorithm, out var digest)
            ? new Dictionary<string, string>(StringComparer.Ordinal) { [algorithm] = digest }
            : NoHashes;
    }

    /// <summary>
    /// An HTML data-core-metadata / data-dist-info-metadata value: <c>true</c> (available, hash unknown)
    /// or <c>&lt;algorithm&gt;=&lt;hex&gt;</c>. Anything else means "not available": falling back to the
    /// wheel itself is always correct, trusting a value we cannot read is not.
    /// </summary>
    public static bool TryParseCoreMetadata(string value, out IReadOnlyDictionary<string, string> hashes)
    {
        hashes = NoHashes;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (!TryParseHash(value, out var algorithm, out var digest)) return false;
        hashes = new Dictionary<string, string>(StringComparer.Ordinal) { [algorithm] = digest };
        return true;
    }

    /// <summary>Lowercases algorithm names and hex digests; refuses anything that is not <c>name=hex</c>.</summary>
    public static bool TryParseHash(string text, out string algorithm, out string digest)
    {
        algorithm = digest = "";
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) return false;
        var name = text.AsSpan(0, eq);
        var hex = text.AsSpan(eq + 1);
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c)) return false;
        foreach (var c in hex)
            if (!char.IsAsciiHexDigit(c)) return false;
        algorithm = name.ToString().ToLowerInvariant();
        digest = hex.ToString().ToLowerInvariant();
        return true;
    }

    /// <summary>The file name a link points at: the last path segment, percent-decoded.</summary>
    public static string FileNameOf(Uri url)
    {
        var path = url.AbsolutePath;
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>
    /// Resolves a link found on a page, returning it without its fragment (split off by hand: for file
    /// URLs .NET would keep '#' in the path). Only http(s) and file links are distributions; a file link
    /// is accepted only from a local page, so a remote index can never point envtool at local files.
    /// </summary>
    public static Uri? ResolveLink(Uri baseUrl, string href, bool pageIsLocal, out string fragment)
    {
        var text = href.Trim();
        var hash = text.IndexOf('#');
        fragment = hash < 0 ? "" : text[(hash + 1)..];
        if (hash >= 0) text = text[..hash];
        if (!Uri.TryCreate(baseUrl, text, out var url)) return null;
        return url.Scheme switch
        {
            "http" or "https" => url,
            "file" when pageIsLocal => url,
            _ => null,
        };
    }

    /// <summary>
    /// PEP 629/691 api-version: "1.x" is fine; a larger major version is refused; an unreadable one is
    /// a malformed page.
    /// </summary>
    public static void CheckApiVersion(string location, string version)
    {
        var dot = version.IndexOf('.');
        var majorText = dot < 0 ? version : version[..dot];
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
            throw new Errors.MalformedIndexPageException(location, $"api-version '{version}' is not a version number");
        if (major > 1) throw new Errors.UnsupportedIndexApiException(location, version);
    }
}
