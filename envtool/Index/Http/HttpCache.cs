using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EnvTool.Index.Json;

namespace EnvTool.Index.Http;

/// <summary>
/// A directory of cached HTTP responses (project pages, find-links pages, metadata files), keyed by the
/// sha256 of the URL without credentials: <c>&lt;dir&gt;/ab/&lt;key&gt;.body</c> and <c>&lt;key&gt;.json</c>. Both
/// are written to a temporary name and renamed, so readers (other processes included) see a whole file
/// or none; the header records the body's digest, so a body and header from two racing writers never
/// pair up — that reads as a miss.
/// </summary>
internal sealed class HttpCache(string directory)
{
    public string Directory { get; } = directory;

    public sealed record Entry(CacheHeader Header, byte[] Body);

    public Entry? TryRead(Uri url)
    {
        var (headerPath, bodyPath) = PathsFor(url);
        try
        {
            if (!File.Exists(headerPath)) return null;
            var header = JsonSerializer.Deserialize(File.ReadAllBytes(headerPath), IndexJsonContext.Default.CacheHeader);
            if (header is null) return null;
            var body = File.ReadAllBytes(bodyPath);
            if (body.LongLength != header.BodyLength || Sha256Hex(body) != header.BodySha256) return null;
            return new Entry(header, body);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // A damaged or half-removed entry is a miss; the next write replaces it.
            return null;
        }
    }

    // Writing and removing are best effort: a cache that cannot be written (read-only store, full disk)
    // costs a later request, never the command that is running.

    public void Write(Uri url, CacheHeader header, byte[] body)
    {
        var (headerPath, bodyPath) = PathsFor(url);
        header.BodyLength = body.LongLength;
        header.BodySha256 = Sha256Hex(body);
        BestEffort(() =>
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(headerPath)!);
            WriteAtomically(bodyPath, body);
            WriteAtomically(headerPath, JsonSerializer.SerializeToUtf8Bytes(header, IndexJsonContext.Default.CacheHeader));
        });
    }

    /// <summary>Refreshes only the header (after a 304): the body stays as it is.</summary>
    public void WriteHeader(Uri url, CacheHeader header)
    {
        var (headerPath, _) = PathsFor(url);
        BestEffort(() => WriteAtomically(headerPath, JsonSerializer.SerializeToUtf8Bytes(header, IndexJsonContext.Default.CacheHeader)));
    }

    public void Remove(Uri url)
    {
        var (headerPath, bodyPath) = PathsFor(url);
        BestEffort(() =>
        {
            File.Delete(headerPath);
            File.Delete(bodyPath);
        });
    }

    private static void BestEffort(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private (string Header, string Body) PathsFor(Uri url)
    {
        var key = Sha256Hex(Encoding.UTF8.GetBytes(UrlRedaction.WithoutCredentials(url).AbsoluteUri));
        var dir = Path.Combine(Directory, key[..2]);
        return (Path.Combine(dir, key + ".json"), Path.Combine(dir, key + ".body"));
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
