using System.Formats.Tar;
using EnvTool.Store.Artifacts;
using EnvTool.Store.Errors;
using EnvTool.Store.Native;
using ZstdSharp;

namespace EnvTool.Store.Transfer;

/// <summary>What an export wrote.</summary>
public sealed record ExportSummary(IReadOnlyList<ArchivedArtifact> Artifacts, long ArchiveBytes);

/// <summary>
/// Writes store archives: a zstd-compressed tar of <c>manifest.json</c> then each artifact file as
/// the store retained it, under <c>wheels/</c> with its own file name (so the extracted directory
/// is also a find-links directory). Artifacts travel rather than entries: the importer unpacks and
/// verifies them like any other, so an archive can never put anything in a store that an import of
/// the same files could not.
/// </summary>
public static class ArchiveWriter
{
    private const int CompressionLevel = 3;

    /// <summary>
    /// Writes the archive to <paramref name="path"/> through a temporary file in the same directory,
    /// made durable and renamed into place: a killed export leaves no partial archive under that name.
    /// </summary>
    /// <exception cref="EnvToolException">An artifact is not retained in the store.</exception>
    public static ExportSummary ToFile(ContentStore store, IReadOnlyList<ArtifactRecord> artifacts, string path,
                                       IProgress<ArchivedArtifact>? progress = null, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.partial");
        try
        {
            ExportSummary summary;
            using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                summary = ToStream(store, artifacts, output, progress, ct);
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            Posix.FsyncDirectory(Path.GetDirectoryName(full)!);
            return summary with { ArchiveBytes = new FileInfo(full).Length };
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            File.Delete(temp);
            throw DiskFull.Translate(e, full);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the archive to <paramref name="output"/> (e.g. standard output), left open.</summary>
    public static ExportSummary ToStream(ContentStore store, IReadOnlyList<ArtifactRecord> artifacts, Stream output,
                                         IProgress<ArchivedArtifact>? progress = null, CancellationToken ct = default)
    {
        var files = Locate(store, artifacts);
        var members = new HashSet<string>(StringComparer.Ordinal);
        var listed = files.Select(f =>
        {
            // Two builds of one wheel share a file name: the second goes one directory down.
            var member = members.Add("wheels/" + f.Record.FileName) ? "wheels/" + f.Record.FileName : $"wheels/{f.Record.Sha256[..16]}/{f.Record.FileName}";
            members.Add(member);
            return (Artifact: new ArchivedArtifact(member, f.Record.FileName, f.Record.Sha256, f.Record.Size), f.Path);
        }).ToList();

        var counted = new CountingStream(output);
        using (var compressed = new CompressionStream(counted, CompressionLevel, leaveOpen: true))
        using (var tar = new TarWriter(compressed, TarEntryFormat.Pax, leaveOpen: true))
        {
            var manifest = ArchiveManifest.Write(listed.Select(l => l.Artifact).ToList());
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ArchiveManifest.Member) { DataStream = new MemoryStream(manifest) });
            foreach (var (artifact, source) in listed)
            {
                ct.ThrowIfCancellationRequested();
                using var data = File.OpenRead(source);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, artifact.Member)
                {
                    DataStream = data,
                    Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
                progress?.Report(artifact);
            }
        }
        output.Flush();
        return new ExportSummary(listed.Select(l => l.Artifact).ToList(), counted.Written);
    }

    private static List<(ArtifactRecord Record, string Path)> Locate(ContentStore store, IReadOnlyList<ArtifactRecord> artifacts)
    {
        var located = new List<(ArtifactRecord, string)>();
        var missing = new List<string>();
        foreach (var artifact in artifacts)
        {
            if (store.RetainedArtifactPath(artifact.Sha256) is { } path) located.Add((artifact, path));
            else missing.Add(artifact.FileName);
        }
        if (missing.Count > 0)
            throw new EnvToolException(
                $"the store does not hold the files of {missing.Count} artifact(s) it lists ({string.Join(", ", missing.Take(3))}{(missing.Count > 3 ? ", ..." : "")})",
                "import those wheels again with `envtool store add`, or check the store with `envtool store verify`");
        return located;
    }

    /// <summary>Counts what passes through, so the summary can say how large a streamed archive was.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }
    }
}
