using System.Security.Cryptography;
using EnvTool.Store.IO;
using EnvTool.Store.Objects;

namespace EnvTool.Install;

/// <summary>
/// The sha256 of local wheel files, remembered in the store's cache (cache/file-digests) under the
/// file's path with its <see cref="FileStamp"/>. Hashing every named wheel again on each command was
/// most of a warm <c>envtool create</c> of a large set (botocore alone is 13 MB).
/// An artifact found in the store by this digest is still the artifact that was verified on import;
/// a stale digest can only name a wheel the store already holds, so a file changed within
/// <paramref name="settleTime"/> before it was read (when a second change could keep its stamp) is not remembered.
/// </summary>
/// <param name="settleTime">Default <see cref="FileStamp.SettleTime"/>; tests of the cache itself pass zero.</param>
internal sealed class LocalFileDigests(string cacheDirectory, TimeSpan? settleTime = null)
{
    private readonly string _directory = Path.Combine(cacheDirectory, "file-digests");
    private readonly TimeSpan _settleTime = settleTime ?? FileStamp.SettleTime;

    /// <summary>The lowercase hex sha256 of the file at <paramref name="path"/>, read now unless remembered.</summary>
    public string Sha256(string path)
    {
        var full = Path.GetFullPath(path);
        var stamp = FileStamp.Of(full);
        if (stamp is { } known && Cached(full, known) is { } sha) return sha;
        var digest = Compute(full);
        // Stamped as it was before the read: a write during the read leaves a stamp that no longer matches.
        if (stamp is { } before) Remember(full, before, digest);
        return digest;
    }

    /// <summary>The remembered digest of the file at <paramref name="path"/> if it still has its stamp; never reads the file.</summary>
    public string? Cached(string path)
    {
        var full = Path.GetFullPath(path);
        return FileStamp.Of(full) is { } stamp ? Cached(full, stamp) : null;
    }

    /// <summary>Remembers <paramref name="sha256"/> for the file, as it was when it had <paramref name="stampBeforeRead"/>.</summary>
    public void Remember(string path, FileStamp stampBeforeRead, string sha256)
    {
        if (stampBeforeRead.IsRecent(DateTimeOffset.UtcNow, _settleTime)) return;
        var full = Path.GetFullPath(path);
        CacheFile.TryWrite(EntryPath(full), stampBeforeRead + " " + full + "\n" + sha256);
    }

    /// <summary>The sha256 of the file's bytes, read now.</summary>
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string? Cached(string full, FileStamp stamp) =>
        CacheFile.TryRead(EntryPath(full))?.Split('\n') is [var saved, var sha] && saved == stamp + " " + full && Sha256Hex.IsValid(sha)
            ? sha
            : null;

    private string EntryPath(string full) => Path.Combine(_directory, NameDigest.Hex(full)[..32]);
}
