using System.Text.Json.Serialization;

namespace EnvTool.Index.Http;

/// <summary>What the HTTP cache keeps next to a response body: the validators and freshness rules the
/// server sent, and the body's digest so a header never pairs with another writer's body.</summary>
internal sealed class CacheHeader
{
    /// <summary>The request URL, redacted (for people reading the cache directory).</summary>
    [JsonPropertyName("url")] public string Url { get; set; } = "";
    /// <summary>Where the body finally came from after redirects: relative links resolve against it.</summary>
    [JsonPropertyName("final_url")] public string FinalUrl { get; set; } = "";
    [JsonPropertyName("content_type")] public string? ContentType { get; set; }
    [JsonPropertyName("etag")] public string? ETag { get; set; }
    [JsonPropertyName("last_modified")] public string? LastModified { get; set; }
    /// <summary>When the response was generated (receipt time minus any Age header).</summary>
    [JsonPropertyName("stored_at")] public DateTimeOffset StoredAt { get; set; }
    [JsonPropertyName("max_age")] public long? MaxAgeSeconds { get; set; }
    /// <summary>Cache-Control: no-cache: keep it, but revalidate before every use.</summary>
    [JsonPropertyName("no_cache")] public bool NoCache { get; set; }
    [JsonPropertyName("body_sha256")] public string BodySha256 { get; set; } = "";
    [JsonPropertyName("body_length")] public long BodyLength { get; set; }

    public bool IsFresh(DateTimeOffset now) =>
        !NoCache && MaxAgeSeconds is { } maxAge && now - StoredAt < TimeSpan.FromSeconds(maxAge);
}
