using System.Globalization;
using System.Security.Cryptography;
using EnvTool.Store.IO;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Install;

/// <summary>
/// The sha256 of local wheel files, remembered in the store's cache (cache/file-digests) under the
/// file's path with its device, inode, size, modification and change times, as git's index does: a
/// rewrite changes the change time, which no user can set back. Hashing every named wheel again on
/// each command was most of a warm `envtool create` of a large set (botocore alone is 13 MB).
/// An artifact found in the store by this digest is still the artifact that was verified on import;
/// a stale digest can only name a wheel the store already holds.
/// </summary>
internal sealed class LocalFileDigests(string cacheDirectory)
{
    private readonly string _directory = Path.Combine(cacheDirectory, "file-digests");

    /// <summary>The lowercase hex sha256 of the file at <paramref name="path"/>.</summary>
    public string Sha256(string path)
    {
        var full = Path.GetFullPath(path);
        var stamp = Stamp(FileStatus.Of(full));
        var entry = Path.Combine(_directory, NameDigest.Hex(full)[..32]);
        if (CacheFile.TryRead(entry)?.Split('\n') is [var saved, var sha] && saved == stamp + " " + full && Sha256Hex.IsValid(sha)) return sha;

        var digest = Compute(full);
        // Stamped as it was before the read: a write during the read leaves a stamp that no longer matches.
        CacheFile.TryWrite(entry, stamp + " " + full + "\n" + digest);
        return digest;
    }

    /// <summary>The sha256 of the file's bytes, read now.</summary>
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Stamp(FileStatus s) => string.Join(' ',
        new[] { s.Device, s.Inode, (ulong)s.Size, (ulong)s.MtimeNs, (ulong)s.CtimeNs }.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
