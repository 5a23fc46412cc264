using System.Security.Cryptography;
using EnvTool.Store;
using EnvTool.Store.Artifacts;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;

namespace EnvTool.Wheels;

/// <summary>The outcome of importing one wheel.</summary>
/// <param name="AlreadyInStore">The artifact was published before this call, so nothing was unpacked.</param>
public sealed record WheelImport(string WheelPath, string Name, string Version, string Sha256, EntryRecord Entry, bool AlreadyInStore);

/// <summary>
/// The one way wheels enter the store. It hashes the wheel file (its identity), returns the
/// published entry when the store already has that artifact, and otherwise validates the archive
/// (<see cref="WheelArchive"/>, <see cref="ValidatedWheel"/>) and lets the store unpack it in one
/// pass that checks every file against RECORD. A refused wheel throws
/// <see cref="InvalidWheelException"/> and leaves the store as it was.
/// </summary>
public sealed class WheelImporter(ContentStore store)
{
    public WheelImport Import(string wheelPath, IProgress<WheelImportProgress>? progress = null, CancellationToken ct = default)
    {
        var fileName = Path.GetFileName(wheelPath);
        // The name alone can refuse the wheel before a byte of it is read.
        var name = ValidatedWheel.ParseFileName(fileName);

        var file = OpenFile(wheelPath);
        string sha256;
        try
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        }
        catch
        {
            file.Dispose();
            throw;
        }

        if (store.FindEntry(sha256) is { } existing)
        {
            file.Dispose();
            return new WheelImport(wheelPath, name.Distribution, name.Version.ToString(), sha256, existing, AlreadyInStore: true);
        }

        using var archive = WheelArchive.Open(file, fileName, store.Options.MaxUnpackedBytes, store.Options.MaxFiles);
        var wheel = ValidatedWheel.Validate(archive);
        var descriptor = new ArtifactDescriptor(
            sha256, file.Length, fileName, wheel.Metadata.Name, wheel.Version.ToString(),
            wheel.FileName.Tags.Select(t => t.ToString()).ToList(),
            store.Options.RetainArtifacts ? Path.GetFullPath(wheelPath) : null);
        try
        {
            var entry = store.Import(descriptor, new WheelArtifactSource(wheel, progress), ct);
            return new WheelImport(wheelPath, wheel.Metadata.Name, wheel.Version.ToString(), sha256, entry, AlreadyInStore: false);
        }
        catch (ContentMismatchException e)
        {
            throw new InvalidWheelException(fileName, $"does not match RECORD: expected {e.Expected}, got {e.Actual}", e.Path, e);
        }
        catch (InvalidArtifactException e)
        {
            throw new InvalidWheelException(fileName, e.Message, e.Path, e);
        }
        catch (StoreLimitException e)
        {
            throw new InvalidWheelException(fileName, e.Message, inner: e);
        }
    }

    /// <summary>
    /// For <c>store verify --repair</c>: the files of a wheel the store retained, validated again as
    /// on import, so a damaged entry can be rebuilt offline. Null when the retained file is no
    /// longer a valid wheel (verify then reports the entry as removed, not rebuilt).
    /// </summary>
    public static IArtifactSource? ReopenRetained(ArtifactRecord artifact, string retainedPath, StoreOptions options)
    {
        FileStream file;
        try
        {
            file = new FileStream(retainedPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        WheelArchive? archive = null;
        try
        {
            archive = WheelArchive.Open(file, artifact.FileName, options.MaxUnpackedBytes, options.MaxFiles);
            return new WheelArtifactSource(ValidatedWheel.Validate(archive), progress: null, ownsArchive: true);
        }
        catch (InvalidWheelException)
        {
            archive?.Dispose();
            return null;
        }
    }

    private static FileStream OpenFile(string wheelPath)
    {
        try
        {
            return new FileStream(wheelPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnvToolException($"cannot read wheel '{wheelPath}': {e.Message}");
        }
    }
}
