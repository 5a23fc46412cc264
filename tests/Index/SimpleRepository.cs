using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Index;

/// <summary>
/// Writes a simple-API repository to a directory: wheels under <c>files/</c> (with PEP 658 metadata files
/// when asked) and, per project, <c>simple/{name}/index.html</c> and <c>index.json</c> describing the same
/// files, with relative links as real indexes use.
/// </summary>
public sealed class SimpleRepository(string root)
{
    public sealed record Published(WheelBuilder Wheel, byte[] Bytes, string Sha256, byte[] Metadata, string MetadataSha256);

    public sealed record FileOptions
    {
        public string? RequiresPython { get; init; }
        /// <summary>null: not yanked; "": yanked without reason.</summary>
        public string? Yanked { get; init; }
        /// <summary>Serve the PEP 658 metadata file and advertise it.</summary>
        public bool CoreMetadata { get; init; } = true;
        /// <summary>Advertise this digest for the metadata file instead of the right one.</summary>
        public string? WrongMetadataSha256 { get; init; }
        /// <summary>Use the pre-PEP 714 attribute and key name (dist-info-metadata).</summary>
        public bool OldMetadataName { get; init; }
    }

    private readonly Dictionary<string, List<(Published File, FileOptions Options)>> _projects = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    public Published Add(WheelBuilder wheel, FileOptions? options = null)
    {
        options ??= new FileOptions();
        var files = Directory.CreateDirectory(Path.Combine(Root, "files")).FullName;
        var bytes = wheel.ToBytes();
        File.WriteAllBytes(Path.Combine(files, wheel.FileName), bytes);
        var metadata = MetadataOf(wheel, bytes);
        if (options.CoreMetadata) File.WriteAllBytes(Path.Combine(files, wheel.FileName + ".metadata"), metadata);
        var published = new Published(wheel, bytes, Hex(bytes), metadata, Hex(metadata));
        var project = Normalize(wheel.Name);
        if (!_projects.TryGetValue(project, out var list)) _projects[project] = list = [];
        list.Add((published, options));
        WritePages(project, list);
        return published;
    }

    public static string Normalize(string name) => System.Text.RegularExpressions.Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] MetadataOf(WheelBuilder wheel, byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        using var stream = zip.GetEntry($"{wheel.DistInfo}/METADATA")!.Open();
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private void WritePages(string project, List<(Published File, FileOptions Options)> files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, "simple", project)).FullName;
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" content=\"1.1\"><title>Links</title></head><body>\n");
        var jsonFiles = new JsonArray();
        foreach (var (file, options) in files)
        {
            var href = $"../../files/{file.Wheel.FileName}";
            html.Append($"<a href=\"{href}#sha256={file.Sha256}\"");
            if (options.RequiresPython is { } rp) html.Append($" data-requires-python=\"{WebUtility.HtmlEncode(rp)}\"");
            if (options.Yanked is { } reason) html.Append(reason.Length == 0 ? " data-yanked" : $" data-yanked=\"{WebUtility.HtmlEncode(reason)}\"");
            var metadataSha = options.WrongMetadataSha256 ?? file.MetadataSha256;
            var metadataAttribute = options.OldMetadataName ? "data-dist-info-metadata" : "data-core-metadata";
            if (options.CoreMetadata) html.Append($" {metadataAttribute}=\"sha256={metadataSha}\"");
            html.Append($">{file.Wheel.FileName}</a><br/>\n");

            var entry = new JsonObject
            {
                ["filename"] = file.Wheel.FileName,
                ["url"] = href,
                ["hashes"] = new JsonObject { ["sha256"] = file.Sha256 },
                ["requires-python"] = options.RequiresPython,
                ["size"] = file.Bytes.Length,
                ["upload-time"] = "2024-01-02T03:04:05.123456Z",
            };
            if (options.Yanked is { } why) entry["yanked"] = why.Length == 0 ? JsonValue.Create(true) : JsonValue.Create(why);
            else entry["yanked"] = false;
            if (options.CoreMetadata)
                entry[options.OldMetadataName ? "dist-info-metadata" : "core-metadata"] = new JsonObject { ["sha256"] = metadataSha };
            jsonFiles.Add((JsonNode)entry);
        }
        html.Append("</body></html>\n");
        File.WriteAllText(Path.Combine(dir, "index.html"), html.ToString());
        var json = new JsonObject
        {
            ["meta"] = new JsonObject { ["api-version"] = "1.1" },
            ["name"] = project,
            ["files"] = jsonFiles,
            ["versions"] = new JsonArray(files.Select(f => (JsonNode)JsonValue.Create(f.File.Wheel.Version)!).Distinct().ToArray()),
        };
        File.WriteAllText(Path.Combine(dir, "index.json"), json.ToJsonString(new JsonSerializerOptions()));
    }
}
