using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using EnvTool.Standards.Names;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Resolve;

/// <summary>
/// Writes a universe as a static PEP 503 index: real wheels (METADATA with Requires-Dist,
/// Requires-Python and Provides-Extra; correct RECORD) under <c>files/</c>, their PEP 658
/// <c>.metadata</c> files, placeholder sdists, and one <c>simple/NAME/index.html</c> per project
/// with hashes, data-requires-python, data-yanked and data-core-metadata.
/// </summary>
public static class StaticIndexWriter
{
    /// <returns>The index root directory (serve it, or use <c>file://ROOT/simple/</c>).</returns>
    public static string Write(Universe universe, string root)
    {
        var files = Path.Combine(root, "files");
        Directory.CreateDirectory(files);
        var projects = new List<string>();
        foreach (var (name, releases) in universe.Packages)
        {
            var normalized = PackageName.Normalize(name);
            projects.Add(normalized);
            var links = new StringBuilder();
            foreach (var release in releases)
            {
                if (release.Wheel)
                    foreach (var tag in release.WheelTags)
                        links.Append(WriteWheel(name, release, tag, files));
                if (release.Sdist)
                {
                    var sdist = $"{normalized.Replace('-', '_')}-{release.Version}.tar.gz";
                    var bytes = Encoding.UTF8.GetBytes($"placeholder sdist of {name} {release.Version}\n");
                    File.WriteAllBytes(Path.Combine(files, sdist), bytes);
                    links.Append(Link(sdist, bytes, release, metadata: null));
                }
            }
            var dir = Path.Combine(root, "simple", normalized);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "index.html"),
                $"<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" content=\"1.0\"><title>Links for {normalized}</title></head><body>\n{links}</body></html>\n");
        }
        File.WriteAllText(Path.Combine(root, "simple", "index.html"),
            "<!DOCTYPE html>\n<html><body>\n" + string.Concat(projects.Select(p => $"<a href=\"{p}/\">{p}</a>\n")) + "</body></html>\n");
        return root;
    }

    private static string WriteWheel(string name, Release release, string tag, string files)
    {
        var builder = new WheelBuilder(name, release.Version, tag).File($"{ModuleName(name)}/__init__.py", $"__version__ = \"{release.Version}\"\n");
        foreach (var line in MetadataLines(release)) builder.MetadataHeader(line);
        var bytes = builder.ToBytes();
        File.WriteAllBytes(Path.Combine(files, builder.FileName), bytes);
        var metadata = ReadMetadata(bytes, builder.DistInfo);
        File.WriteAllBytes(Path.Combine(files, builder.FileName + ".metadata"), metadata);
        return Link(builder.FileName, bytes, release, metadata);
    }

    private static string ModuleName(string name) => PackageName.Normalize(name).Replace('-', '_');

    private static IEnumerable<string> MetadataLines(Release release)
    {
        if (release.RequiresPython is { } rp) yield return $"Requires-Python: {rp}";
        foreach (var r in release.Requires) yield return $"Requires-Dist: {r}";
        foreach (var (extra, requirements) in release.Extras)
        {
            yield return $"Provides-Extra: {extra}";
            foreach (var r in requirements)
            {
                int semi = r.IndexOf(';');
                yield return semi < 0
                    ? $"Requires-Dist: {r}; extra == \"{extra}\""
                    : $"Requires-Dist: {r[..semi].Trim()}; ({r[(semi + 1)..].Trim()}) and extra == \"{extra}\"";
            }
        }
    }

    private static byte[] ReadMetadata(byte[] wheel, string distInfo)
    {
        using var zip = new ZipArchive(new MemoryStream(wheel), ZipArchiveMode.Read);
        using var stream = zip.GetEntry($"{distInfo}/METADATA")!.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Link(string fileName, byte[] bytes, Release release, byte[]? metadata)
    {
        var sb = new StringBuilder($"<a href=\"../../files/{WebUtility.UrlEncode(fileName)}#sha256={Sha256(bytes)}\"");
        if (release.RequiresPython is { } rp) sb.Append($" data-requires-python=\"{WebUtility.HtmlEncode(rp)}\"");
        if (release.Yanked) sb.Append(" data-yanked=\"\"");
        if (metadata is not null) sb.Append($" data-core-metadata=\"sha256={Sha256(metadata)}\"");
        return sb.Append($">{WebUtility.HtmlEncode(fileName)}</a><br/>\n").ToString();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
