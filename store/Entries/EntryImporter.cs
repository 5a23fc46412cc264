using EnvTool.Store.Artifacts;
using EnvTool.Store.Catalog;
using EnvTool.Store.Errors;
using EnvTool.Store.Gc;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Linking;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;
using EnvTool.Store.Staging;

namespace EnvTool.Store.Entries;

/// <summary>
/// Unpacks an artifact into an entry, at most once per store no matter how many processes ask.
/// Order: stage and verify every file in tmp/; make the bytes durable; only then give them object
/// names; seal and make that durable; rename the directory into entries/ and fsync entries/;
/// commit the catalog rows. So no object name ever points at bytes a power loss could lose.
/// A failure before the rename leaves the store as it was; after it, the directory is removed again.
/// </summary>
internal sealed class EntryImporter
{
    private readonly StoreLayout _layout;
    private readonly StoreCatalog _catalog;
    private readonly StoreOptions _options;
    private readonly ObjectLinker _linker;
    private readonly OperationRoot _operation;

    internal EntryImporter(StoreLayout layout, StoreCatalog catalog, StoreOptions options, ObjectLinker linker, OperationRoot operation)
    {
        _layout = layout;
        _catalog = catalog;
        _options = options;
        _linker = linker;
        _operation = operation;
    }

    internal EntryRecord Import(ArtifactDescriptor artifact, IArtifactSource source, CancellationToken ct)
    {
        Sha256Hex.Require(artifact.Sha256, nameof(artifact.Sha256));
        if (artifact.Labels.Any(l => l.Contains('\n')))
            throw new ArgumentException("artifact labels cannot contain line breaks", nameof(artifact));
        // Rooted before the lookup, so gc cannot take the entry between our finding it and using it.
        var held = _operation.HoldEntry(artifact.Sha256);
        try
        {
            return HitOrUnpack(artifact, source, ct);
        }
        catch
        {
            if (held) _operation.ReleaseEntry(artifact.Sha256);
            throw;
        }
    }

    private EntryRecord HitOrUnpack(ArtifactDescriptor artifact, IArtifactSource source, CancellationToken ct)
    {
        if (Hit(artifact.Sha256) is { } known) return known;

        var artifactLock = FileLock.Acquire(_layout.ArtifactLockPath(artifact.Sha256), ct);
        try
        {
            // Another process may have published it while we waited for the lock.
            if (Hit(artifact.Sha256) is { } published) return published;
            return Unpack(artifact, source, ct);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            throw DiskFull.Translate(e, _layout.Root);
        }
        finally
        {
            artifactLock.DisposeAndDelete();
        }
    }

    private EntryRecord? Hit(string sha256)
    {
        var entry = _catalog.FindEntry(sha256);
        if (entry is not null) _catalog.TouchArtifact(sha256);
        return entry;
    }

    private EntryRecord Unpack(ArtifactDescriptor artifact, IArtifactSource source, CancellationToken ct)
    {
        using var staging = StagingDirectory.Create(_layout);
        var retained = artifact.RetainPath is { } retainPath && _options.RetainArtifacts
            ? StageRetained(artifact, retainPath, staging, ct)
            : null;
        var entryDir = Path.Combine(staging.Path, "entry");
        Directory.CreateDirectory(entryDir);
        var files = StageFiles(artifact, source, entryDir, ct);
        Posix.SyncFileSystem(staging.Path);
        return Publish(artifact, retained, files, entryDir, staging);
    }

    /// <summary>Copies the artifact file itself into staging and checks it is the artifact the caller named.</summary>
    private static StagedFile StageRetained(ArtifactDescriptor artifact, string retainPath, StagingDirectory staging, CancellationToken ct)
    {
        var staged = staging.NewName("artifact");
        using (var input = new FileStream(retainPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            CheckContent(artifact, artifact.FileName, HashingCopy.ToNewFile(input, staged, artifact.Size, ct), artifact.Size, artifact.Sha256);
        Posix.Chmod(staged, ObjectRef.ReadOnlyMode);
        return new StagedFile(artifact.FileName, staged, artifact.Sha256, artifact.Size, Executable: false);
    }

    private List<StagedFile> StageFiles(ArtifactDescriptor artifact, IArtifactSource source, string entryDir, CancellationToken ct)
    {
        var files = new List<StagedFile>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        long declaredBytes = 0;
        foreach (var file in source.Files())
        {
            ct.ThrowIfCancellationRequested();
            if (files.Count + 1 > _options.MaxFiles) throw new StoreLimitException(artifact.FileName, "files", _options.MaxFiles);
            if (file.Size < 0) throw new InvalidArtifactException(artifact.FileName, file.Path, "has a negative size");
            declaredBytes += file.Size;
            if (declaredBytes > _options.MaxUnpackedBytes) throw new StoreLimitException(artifact.FileName, "bytes", _options.MaxUnpackedBytes);
            CheckPath(artifact, file.Path, paths, directories);
            if (file.ExpectedSha256 is { } expected && !Sha256Hex.IsValid(expected))
                throw new InvalidArtifactException(artifact.FileName, file.Path, $"has a malformed sha256 \"{expected}\"");

            var staged = Path.Combine(entryDir, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
            HashingCopy.Result written;
            using (var input = file.Open())
                written = HashingCopy.ToNewFile(input, staged, file.Size, ct);
            CheckContent(artifact, file.Path, written, file.Size, file.ExpectedSha256);
            var obj = new ObjectRef(written.Sha256, file.Executable);
            Posix.Chmod(staged, obj.Mode);
            files.Add(new StagedFile(file.Path, staged, written.Sha256, written.Size, file.Executable));
        }
        return files;
    }

    private static void CheckPath(ArtifactDescriptor artifact, string path, HashSet<string> paths, HashSet<string> directories)
    {
        if (EntryPathRules.Problem(path) is { } problem) throw new InvalidArtifactException(artifact.FileName, path, problem);
        if (!paths.Add(path)) throw new InvalidArtifactException(artifact.FileName, path, "appears twice");
        if (directories.Contains(path)) throw new InvalidArtifactException(artifact.FileName, path, "is both a file and a directory");
        foreach (var ancestor in EntryPathRules.Ancestors(path))
        {
            if (paths.Contains(ancestor)) throw new InvalidArtifactException(artifact.FileName, ancestor, "is both a file and a directory");
            directories.Add(ancestor);
        }
    }

    private static void CheckContent(ArtifactDescriptor artifact, string path, HashingCopy.Result written, long size, string? sha256)
    {
        if (written.Size != size)
            throw new ContentMismatchException(artifact.FileName, path, $"size:{size}", written.Size > size ? $"size:>{size}" : $"size:{written.Size}");
        if (sha256 is not null && !string.Equals(written.Sha256, sha256, StringComparison.Ordinal))
            throw new ContentMismatchException(artifact.FileName, path, "sha256:" + sha256, "sha256:" + written.Sha256);
    }

    private EntryRecord Publish(ArtifactDescriptor artifact, StagedFile? retained, List<StagedFile> files, string entryDir, StagingDirectory staging)
    {
        var warnings = new List<string>();
        var created = new List<string>();
        var target = _layout.EntryDir(artifact.Sha256);
        var renamed = false;
        try
        {
            ObjectPlacement? retainedPlacement = retained is null ? null : Place(retained, staging, created, warnings);
            var published = new List<PublishedFile>(files.Count);
            long bytes = 0;
            foreach (var file in files)
            {
                published.Add(new PublishedFile(file.RelativePath, file.Size, Place(file, staging, created, warnings)));
                bytes += file.Size;
            }
            DirectoryTree.SealBelowRoot(entryDir);
            Posix.SyncFileSystem(staging.Path); // object names and the sealed tree, before the rename publishes them

            // If this process dies between the rename and the catalog commit, the sweep of its dead
            // staging directory reads this intent and removes the uncatalogued entry directory.
            File.WriteAllText(Path.Combine(staging.Path, EntryDebris.PublishIntentFileName), artifact.Sha256);
            // We hold the artifact lock and the catalog has no row: anything already there is debris of a crash.
            Trash.Discard(target);
            var errno = Posix.TryRenameNoReplace(entryDir, target);
            if (errno != 0) throw Posix.Error("rename", $"{entryDir} -> {target}", errno);
            renamed = true;
            Posix.Chmod(target, DirectoryTree.ReadOnlyDirMode);
            Posix.FsyncDirectory(_layout.EntriesDir);

            _catalog.PublishEntry(artifact, retainedPlacement, published, bytes);
            return new EntryRecord(artifact.Sha256, target, files.Count, bytes) { Warnings = warnings };
        }
        catch
        {
            staging.UndoPublish(renamed ? target : null, created);
            throw;
        }
    }

    private ObjectPlacement Place(StagedFile file, StagingDirectory staging, List<string> created, List<string> warnings)
    {
        var placement = _linker.Place(file.StagedPath, new ObjectRef(file.Sha256, file.Executable), file.Size, staging.NewName("link"), warnings);
        if (placement.Created) created.Add(_layout.ObjectPath(placement.Object));
        return placement;
    }

}
