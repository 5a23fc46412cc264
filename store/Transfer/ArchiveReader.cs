using System.Formats.Tar;
using EnvTool.Store.Concurrency;
using EnvTool.Store.Errors;
using EnvTool.Store.Objects;
using ZstdSharp;

namespace EnvTool.Store.Transfer;

/// <summary>What an import did: artifacts imported now, and those the store already held.</summary>
public sealed record ImportSummary(int Imported, int AlreadyPresent);

/// <summary>
/// Reads a store archive (zstd-compressed or plain tar, told apart by their first bytes) in one
/// pass. Each artifact the store does not hold yet is copied into the store's scratch space while
/// hashed and checked against the manifest's sha256 and size. Only when the whole archive has been
/// read and found complete are the artifacts handed to the importer, which validates each as an
/// artifact (for wheels: every RECORD hash) before publishing it: a damaged, truncated or altered
/// archive leaves the store as it was.
/// </summary>
public static class ArchiveReader
{
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

    /// <param name="archive">The archive's name for messages (its path, or "standard input").</param>
    /// <param name="import">Imports one verified artifact file (the caller's format rules apply); called from several threads at once.</param>
    /// <param name="progress">Reported from those threads too, once per artifact.</param>
    /// <exception cref="InvalidArchiveException">The archive is damaged, truncated, altered or not a store archive.</exception>
    public static ImportSummary Import(ContentStore store, Stream input, string archive, Action<string, ArchivedArtifact> import,
                                       IProgress<(ArchivedArtifact Artifact, bool AlreadyPresent)>? progress = null, CancellationToken ct = default)
    {
        var imported = 0;
        var present = 0;
        try
        {
            using var tar = new TarReader(Decompressed(input), leaveOpen: true);
            var manifestEntry = tar.GetNextEntry();
            if (manifestEntry is not { EntryType: TarEntryType.RegularFile or TarEntryType.V7RegularFile, Name: ArchiveManifest.Member } || manifestEntry.DataStream is null)
                throw new InvalidArchiveException(archive, $"its first member is not {ArchiveManifest.Member}: it is not an envtool store archive");
            var listed = ArchiveManifest.Read(manifestEntry.DataStream, archive).ToDictionary(a => a.Member, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);

            using var scratch = store.CreateScratch();
            var verified = new List<(string File, ArchivedArtifact Artifact)>();
            while (tar.GetNextEntry() is { } entry)
            {
                ct.ThrowIfCancellationRequested();
                if (!listed.TryGetValue(entry.Name, out var artifact) || !seen.Add(entry.Name))
                    throw Refuse(archive, entry.Name, "is not listed in its manifest (or appears twice)");
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    throw Refuse(archive, entry.Name, $"is a {entry.EntryType}, not a file");
                if (store.FindEntry(artifact.Sha256) is not null)
                {
                    present++;
                    progress?.Report((artifact, true));
                    continue;
                }
                var file = scratch.NewFile(artifact.FileName);
                var copied = HashingCopy.ToNewFile(entry.DataStream, file, artifact.Size, ct);
                if (copied.Size != artifact.Size || copied.Sha256 != artifact.Sha256)
                    throw Refuse(archive, entry.Name,
                        $"does not match the manifest (sha256 {copied.Sha256[..16]}…, {copied.Size} bytes; expected {artifact.Sha256[..16]}…, {artifact.Size} bytes): the archive was altered or damaged");
                verified.Add((file, artifact));
            }

            var missing = listed.Keys.Where(m => !seen.Contains(m)).ToList();
            if (missing.Count > 0)
                throw new InvalidArchiveException(archive,
                    $"it is truncated: {missing.Count} artifact(s) its manifest lists are missing (first: {missing[0]}); nothing was imported");

            // Unpacking and hashing every file of a wheel is the work: one wheel per core.
            ParallelWork.ForEach(verified, v =>
            {
                import(v.File, v.Artifact);
                File.Delete(v.File);
                Interlocked.Increment(ref imported);
                progress?.Report((v.Artifact, false));
            }, ct);
            return new ImportSummary(imported, present);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ZstdException or FormatException)
        {
            // Not the exception's text: the shipped binary keeps resource keys instead of messages.
            var what = e is ZstdException ? "its zstd compression is damaged" : "it is not a tar or tar.zst stream, or it was cut short";
            throw new InvalidArchiveException(archive, $"it is not a readable archive ({what}); nothing was imported", inner: e);
        }
    }

    private static InvalidArchiveException Refuse(string archive, string member, string problem) =>
        new(archive, $"member '{member}' {problem}; nothing was imported");

    /// <summary>The tar stream: decompressed when the input starts with zstd's magic number, else as it is.</summary>
    private static Stream Decompressed(Stream input)
    {
        var head = new byte[ZstdMagic.Length];
        var read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var replayed = new PrefixedStream(head.AsMemory(0, read), input);
        return read == head.Length && head.AsSpan().SequenceEqual(ZstdMagic)
            ? new DecompressionStream(replayed, leaveOpen: true)
            : replayed;
    }

    /// <summary>Bytes already read (to sniff the format), then the rest of the stream: works on pipes too.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer);
            _prefix = _prefix[n..];
            return n;
        }
    }
}
