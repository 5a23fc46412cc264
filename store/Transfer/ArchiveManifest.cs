using System.Text.Json;
using EnvTool.Store.Errors;
using EnvTool.Store.IO;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Transfer;

/// <summary>One artifact in an archive: where it is (member path), what it is named and what its bytes must hash to.</summary>
public sealed record ArchivedArtifact(string Member, string FileName, string Sha256, long Size);

/// <summary>
/// The first member of a store archive, <c>manifest.json</c>: the format, its version and every
/// artifact with its sha256 and size. The reader trusts nothing else in the archive: a member the
/// manifest does not list, or whose bytes do not match it, is refused.
/// </summary>
internal static class ArchiveManifest
{
    internal const string Member = "manifest.json";
    private const string Format = "envtool-store-archive";
    private const int Version = 1;

    internal static byte[] Write(IReadOnlyList<ArchivedArtifact> artifacts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, PlainJsonEncoder.WriterOptions(indented: true)))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteNumber("version", Version);
            json.WriteStartArray("artifacts");
            foreach (var a in artifacts)
            {
                json.WriteStartObject();
                json.WriteString("member", a.Member);
                json.WriteString("file", a.FileName);
                json.WriteString("sha256", a.Sha256);
                json.WriteNumber("size", a.Size);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidArchiveException">It is not a manifest this version can read.</exception>
    internal static IReadOnlyList<ArchivedArtifact> Read(Stream content, string archive)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
                throw new InvalidArchiveException(archive, "its manifest is not an envtool store archive's");
            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
                throw new InvalidArchiveException(archive, $"it is format version {version}; this envtool reads version {Version}",
                    "export it again with this envtool, or import it with the envtool that made it");
            var artifacts = new List<ArchivedArtifact>();
            foreach (var a in root.GetProperty("artifacts").EnumerateArray())
            {
                var artifact = new ArchivedArtifact(a.GetProperty("member").GetString()!, a.GetProperty("file").GetString()!,
                    a.GetProperty("sha256").GetString()!, a.GetProperty("size").GetInt64());
                if (!Sha256Hex.IsValid(artifact.Sha256) || artifact.Size < 0 || !IsPlainFileName(artifact.FileName)
                    || !ArchiveMembers.IsSafe(artifact.Member))
                    throw new InvalidArchiveException(archive, $"its manifest lists an invalid artifact ('{artifact.Member}')");
                artifacts.Add(artifact);
            }
            if (artifacts.Select(a => a.Member).Distinct(StringComparer.Ordinal).Count() != artifacts.Count)
                throw new InvalidArchiveException(archive, "its manifest lists one member twice");
            return artifacts;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidArchiveException(archive, "its manifest.json is not valid", inner: e);
        }
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(['/', '\0']) < 0;
}
