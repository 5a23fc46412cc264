namespace EnvTool.Index;

/// <summary>
/// Hides credentials in URLs before they reach a message, an exception, a log or a lock file:
/// <c>https://user:secret@host/simple/</c> becomes <c>https://***@host/simple/</c>. Every URL that
/// leaves the index code goes through here.
/// </summary>
public static class UrlRedaction
{
    public const string Mask = "***";

    public static string Redact(Uri url) => Redact(url.OriginalString);

    /// <summary>Masks the userinfo of an absolute URL (anything before the last '@' of the authority);
    /// text that is not a URL with an authority is returned unchanged.</summary>
    public static string Redact(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return url;
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0) return url;
        return string.Concat(url.AsSpan(0, authorityStart), Mask, url.AsSpan(at));
    }

    /// <summary>The URL without userinfo and fragment: what requests are sent to and caches are keyed by.</summary>
    public static Uri WithoutCredentials(Uri url)
    {
        if (url.UserInfo.Length == 0 && url.Fragment.Length == 0) return url;
        var builder = new UriBuilder(url) { UserName = "", Password = "", Fragment = "" };
        return builder.Uri;
    }
}
