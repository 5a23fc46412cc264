using EnvTool.Store.Artifacts;

namespace EnvTool.Wheels;

/// <summary>
/// A validated wheel's files as the store reads them: in archive order, each with RECORD's sha256
/// and the declared size, so the store checks every file in the same pass that writes its object.
/// With <paramref name="ownsArchive"/>, the archive is closed once the files have been read (repair
/// hands the store a source and never sees it again).
/// </summary>
internal sealed class WheelArtifactSource(ValidatedWheel wheel, IProgress<WheelImportProgress>? progress, bool ownsArchive = false) : IArtifactSource
{
    public IEnumerable<ArtifactFile> Files()
    {
        var archive = wheel.Archive;
        var total = archive.DeclaredBytes;
        long done = 0;
        try
        {
            foreach (var member in archive.Files)
            {
                var hash = wheel.Hashes.GetValueOrDefault(member.Path);
                yield return new ArtifactFile(
                    member.Path,
                    member.Size,
                    hash?.Algorithm == "sha256" ? hash.DigestHex : null,
                    member.Executable,
                    () => hash is null
                        ? archive.OpenMember(member)
                        : FileHash.Checking(archive.OpenMember(member), hash, archive.Wheel, member.Path));
                // The store asks for the next file once it is done with this one.
                done += member.Size;
                progress?.Report(new WheelImportProgress(archive.Wheel, done, total));
            }
        }
        finally
        {
            if (ownsArchive) archive.Dispose();
        }
    }
}
