using System.Globalization;
using System.Text.Json;
using EnvTool.Index.Errors;

namespace EnvTool.Index.Json;

/// <summary>
/// Reads a PEP 691 JSON project page (with the PEP 700 additions) into distribution files. JSON is
/// machine-written, so reading is strict: a wrong type or a missing required field is a malformed page,
/// named with the JSON path of the offending value.
/// </summary>
internal static class JsonProjectPage
{
    public sealed record Result(IReadOnlyList<DistributionFile> Files, IReadOnlyList<string> Versions);

    public static Result Parse(byte[] json, Uri pageUrl, string source)
    {
        var location = pageUrl.OriginalString;
        SimpleApiPage page;
        try
        {
            using var document = JsonDocument.Parse(json);
            // Check the version before the shape: a future major version may change the shape.
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new MalformedIndexPageException(location, "the JSON document is not an object");
            if (document.RootElement.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("api-version", out var version) && version.ValueKind == JsonValueKind.String)
                FileAttributes.CheckApiVersion(location, version.GetString()!);
            page = document.RootElement.Deserialize(IndexJsonContext.Default.SimpleApiPage)
                ?? throw new MalformedIndexPageException(location, "the JSON document is null");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new MalformedIndexPageException(location, $"invalid JSON{where}: {FirstSentence(e.Message)}", e);
        }

        if (page.Meta?.ApiVersion is null) throw new MalformedIndexPageException(location, "missing meta.api-version");
        if (page.Files is null) throw new MalformedIndexPageException(location, "missing 'files'");

        var files = new List<DistributionFile>(page.Files.Count);
        for (var i = 0; i < page.Files.Count; i++)
            files.Add(ReadFile(page.Files[i], $"$.files[{i}]", pageUrl, source));
        return new Result(files, page.Versions ?? []);
    }

    private static DistributionFile ReadFile(SimpleApiFile? file, string path, Uri pageUrl, string source)
    {
        var location = pageUrl.OriginalString;
        MalformedIndexPageException Bad(string problem) => new(location, $"{path}: {problem}");

        if (file is null) throw Bad("a file entry is null");
        if (string.IsNullOrEmpty(file.FileName)) throw Bad("missing 'filename'");
        if (string.IsNullOrEmpty(file.Url)) throw Bad("missing 'url'");
        var url = FileAttributes.ResolveLink(pageUrl, file.Url, pageUrl.IsFile, out _)
            ?? throw Bad($"'url' {UrlRedaction.Redact(file.Url)} is not an http(s) URL{(pageUrl.IsFile ? " or a file URL" : "")}");

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (algorithm, digest) in file.Hashes ?? [])
        {
            if (!FileAttributes.TryParseHash($"{algorithm}={digest}", out var name, out var hex))
                throw Bad($"hash '{algorithm}' is not a hex digest");
            hashes[name] = hex;
        }

        // PEP 714: core-metadata is the name; dist-info-metadata the older spelling.
        var metadata = file.CoreMetadata is { ValueKind: not JsonValueKind.Null } ? file.CoreMetadata : file.DistInfoMetadata;
        var (hasMetadata, metadataHashes) = ReadCoreMetadata(metadata, Bad);

        DateTimeOffset? uploadTime = null;
        if (file.UploadTime is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                throw Bad($"'upload-time' '{text}' is not an ISO 8601 time");
            uploadTime = parsed;
        }
        if (file.Size is < 0) throw Bad("'size' is negative");

        return new DistributionFile
        {
            FileName = file.FileName,
            Url = url,
            Hashes = hashes,
            Size = file.Size,
            RequiresPython = string.IsNullOrWhiteSpace(file.RequiresPython) ? null : file.RequiresPython.Trim(),
            YankedReason = ReadYanked(file.Yanked, Bad),
            HasCoreMetadata = hasMetadata,
            CoreMetadataHashes = metadataHashes,
            UploadTime = uploadTime,
            Source = source,
        };
    }

    private static string? ReadYanked(JsonElement? yanked, Func<string, MalformedIndexPageException> bad) =>
        yanked?.ValueKind switch
        {
            null or JsonValueKind.Null or JsonValueKind.False => null,
            JsonValueKind.True => "",
            JsonValueKind.String => yanked.Value.GetString(),
            var kind => throw bad($"'yanked' must be a boolean or a string, not {kind.ToString()!.ToLowerInvariant()}"),
        };

    private static (bool, IReadOnlyDictionary<string, string>) ReadCoreMetadata(JsonElement? value, Func<string, MalformedIndexPageException> bad)
    {
        var none = new Dictionary<string, string>();
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.False:
                return (false, none);
            case JsonValueKind.True:
                return (true, none);
            case JsonValueKind.Object:
                var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in value.Value.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String
                        || !FileAttributes.TryParseHash($"{property.Name}={property.Value.GetString()}", out var name, out var hex))
                        throw bad($"core-metadata hash '{property.Name}' is not a hex digest");
                    hashes[name] = hex;
                }
                return (true, hashes);
            default:
                throw bad($"'core-metadata' must be a boolean or an object of hashes, not {value.Value.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
