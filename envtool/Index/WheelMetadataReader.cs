using System.IO.Compression;
using EnvTool.Standards.Names;
using EnvTool.Wheels;

namespace EnvTool.Index;

/// <summary>Reads <c>{name}-{version}.dist-info/METADATA</c> out of a wheel archive, bounded in size so a
/// hostile archive cannot make us inflate gigabytes.</summary>
internal static class WheelMetadataReader
{
    public const int MaxMetadataBytes = 16 * 1024 * 1024;

    /// <param name="archive">A seekable stream over the whole wheel; disposed here.</param>
    public static byte[] Read(Stream archive, string wheelFileName)
    {
        try
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: false);
            var dash = wheelFileName.IndexOf('-');
            var project = PackageName.Normalize(dash > 0 ? wheelFileName[..dash] : wheelFileName);
            var candidates = zip.Entries
                .Where(e => e.FullName.EndsWith(".dist-info/METADATA", StringComparison.Ordinal)
                            && e.FullName.IndexOf('/') == e.FullName.Length - "/METADATA".Length)
                .ToList();
            // A wheel has one dist-info; if a broken one has several, the one named for the project wins.
            var entry = candidates.Count == 1 ? candidates[0]
                : candidates.FirstOrDefault(e => PackageName.Normalize(e.FullName[..Math.Max(0, e.FullName.IndexOf('-'))]) == project)
                  ?? throw new InvalidWheelException(wheelFileName,
                      candidates.Count == 0 ? "has no .dist-info/METADATA" : "has several .dist-info directories, none named for the project");
            if (entry.Length > MaxMetadataBytes)
                throw new InvalidWheelException(wheelFileName, $"declares a METADATA of {entry.Length} bytes (limit {MaxMetadataBytes})", entry.FullName);

            using var content = entry.Open();
            var buffer = new MemoryStream((int)entry.Length);
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk)) > 0)
            {
                // The declared length can lie; never inflate past the limit.
                if (buffer.Length + read > MaxMetadataBytes)
                    throw new InvalidWheelException(wheelFileName, $"inflates METADATA beyond {MaxMetadataBytes} bytes", entry.FullName);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidWheelException(wheelFileName, $"is not a readable zip archive ({e.Message})", inner: e);
        }
    }
}
