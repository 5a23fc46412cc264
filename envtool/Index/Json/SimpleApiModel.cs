using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvTool.Index.Json;

/// <summary>A PEP 691 project page (<c>application/vnd.pypi.simple.v1+json</c>) as sent; fields whose type
/// varies (yanked, core-metadata) stay JSON elements and are checked by <see cref="JsonProjectPage"/>.</summary>
internal sealed class SimpleApiPage
{
    [JsonPropertyName("meta")] public SimpleApiMeta? Meta { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("files")] public List<SimpleApiFile>? Files { get; set; }
    /// <summary>PEP 700: every version the project has, including those without files.</summary>
    [JsonPropertyName("versions")] public List<string>? Versions { get; set; }
}

internal sealed class SimpleApiMeta
{
    [JsonPropertyName("api-version")] public string? ApiVersion { get; set; }
}

internal sealed class SimpleApiFile
{
    [JsonPropertyName("filename")] public string? FileName { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("hashes")] public Dictionary<string, string>? Hashes { get; set; }
    [JsonPropertyName("requires-python")] public string? RequiresPython { get; set; }
    [JsonPropertyName("yanked")] public JsonElement? Yanked { get; set; }
    [JsonPropertyName("core-metadata")] public JsonElement? CoreMetadata { get; set; }
    [JsonPropertyName("dist-info-metadata")] public JsonElement? DistInfoMetadata { get; set; }
    [JsonPropertyName("size")] public long? Size { get; set; }
    [JsonPropertyName("upload-time")] public string? UploadTime { get; set; }
}
