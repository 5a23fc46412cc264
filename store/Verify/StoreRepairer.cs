using EnvTool.Store.Artifacts;
using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.Errors;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Staging;

namespace EnvTool.Store.Verify;

/// <summary>
/// Fixes what verify found, in an order that keeps the catalog truthful at every step: restore or
/// drop bad objects; drop damaged entries (rows first, then directories); rebuild them from retained
/// artifacts; then clear uncatalogued debris.
/// </summary>
internal sealed class StoreRepairer
{
    private readonly StoreLayout _layout;
    private readonly VerifyCatalog _catalog;
    private readonly EntryImporter _importer;
    private readonly VerifyOptions _options;
    private readonly IProgress<VerifyProgress>? _progress;

    internal StoreRepairer(StoreLayout layout, VerifyCatalog catalog, EntryImporter importer, VerifyOptions options, IProgress<VerifyProgress>? progress)
    {
        _layout = layout;
        _catalog = catalog;
        _importer = importer;
        _options = options;
        _progress = progress;
    }

    internal List<VerifyProblem> Repair(VerifyFindings findings, List<string> rebuilt)
    {
        var problems = new List<VerifyProblem>();
        var intactCopies = new Dictionary<long, string>();
        foreach (var entry in findings.Entries)
            foreach (var (objectId, path) in entry.IntactCopies) intactCopies.TryAdd(objectId, path);

        var lostObjects = new List<long>();
        foreach (var check in findings.Objects)
        {
            if (check.Health == ObjectHealth.Good) continue;
            var path = _layout.ObjectPath(check.Row.Object);
            switch (check.Health)
            {
                case ObjectHealth.WrongMode:
                    Posix.Chmod(path, check.Row.Object.Mode);
                    problems.Add(new VerifyProblem(VerifyProblemKind.WrongMode, path, check.Detail, Repaired: true));
                    break;
                default:
                    var kind = check.Health == ObjectHealth.Corrupt ? VerifyProblemKind.CorruptObject : VerifyProblemKind.MissingObject;
                    if (check.Health == ObjectHealth.Corrupt) DirectoryTree.Remove(path);
                    if (intactCopies.TryGetValue(check.Row.Id, out var copy) && Restore(copy, path))
                    {
                        _catalog.ForgetVerified(check.Row.Id);
                        problems.Add(new VerifyProblem(kind, path, check.Detail + "; restored from " + copy, Repaired: true));
                    }
                    else
                    {
                        lostObjects.Add(check.Row.Id);
                        problems.Add(new VerifyProblem(kind, path, check.Detail + "; removed, with every entry that used it", Repaired: true));
                    }
                    break;
            }
        }

        var damaged = findings.Entries.Where(e => e.Damaged).ToList();
        foreach (var entry in damaged) RemoveEntry(entry);
        foreach (var objectId in lostObjects) _catalog.DeleteObject(objectId);

        var done = 0;
        foreach (var entry in damaged)
        {
            var outcome = Rebuild(entry.ArtifactSha256);
            if (outcome is null) rebuilt.Add(entry.ArtifactSha256);
            foreach (var p in entry.Problems)
                problems.Add(p with { Repaired = outcome is null, Detail = p.Detail + "; entry " + (outcome ?? "rebuilt from its retained artifact") });
            _progress?.Report(new VerifyProgress("repair", ++done, damaged.Count));
        }

        foreach (var orphan in findings.OrphanEntries)
            problems.Add(orphan with { Repaired = RemoveOrphanEntry(orphan.Path) });
        foreach (var orphan in findings.OrphanObjects)
        {
            DirectoryTree.Remove(orphan.Path);
            problems.Add(orphan with { Repaired = true });
        }
        var swept = StagingSweeper.Sweep(_layout).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in findings.StaleStaging)
            problems.Add(stale with { Repaired = swept.Contains(stale.Path) || !Path.Exists(stale.Path) });
        return problems;
    }

    /// <summary>Links a verified entry file back as the object (a hard link keeps sharing intact).</summary>
    private static bool Restore(string intactFile, string objectPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(objectPath)!);
        var errno = Posix.TryLink(intactFile, objectPath);
        if (errno != 0 && errno != Errno.EEXIST) return false;
        Posix.FsyncDirectory(Path.GetDirectoryName(objectPath)!);
        return true;
    }

    private void RemoveEntry(EntryCheck entry)
    {
        var artifactLock = FileLock.Acquire(_layout.ArtifactLockPath(entry.ArtifactSha256));
        try
        {
            _catalog.DeleteEntry(entry.EntryId);
            Trash.Discard(entry.Path);
        }
        finally
        {
            artifactLock.DisposeAndDelete();
        }
    }

    /// <summary>Re-imports an entry from its retained artifact. Returns null on success, else why not.</summary>
    private string? Rebuild(string artifactSha256)
    {
        if (_catalog.ArtifactAndRetained(artifactSha256) is not { } found) return "removed; its artifact is no longer catalogued";
        var (artifact, retained) = found;
        if (retained is not { } retainedObject) return "removed; no retained artifact to rebuild it from";
        if (_options.Reopen is null) return "removed; rebuilding needs the artifact format (no reopen callback)";
        var retainedPath = _layout.ObjectPath(retainedObject);
        if (!File.Exists(retainedPath)) return "removed; its retained artifact is gone";
        if (_options.Reopen(artifact, retainedPath) is not { } source) return "removed; its retained artifact could not be opened";
        try
        {
            var descriptor = new ArtifactDescriptor(artifact.Sha256, artifact.Size, artifact.FileName, artifact.Name, artifact.Version, artifact.Labels, RetainPath: null);
            _importer.Import(descriptor, source, CancellationToken.None);
            return null;
        }
        catch (EnvToolException e)
        {
            return "removed; rebuilding failed: " + e.Message;
        }
    }

    private bool RemoveOrphanEntry(string dir)
    {
        var name = Path.GetFileName(dir);
        if (Objects.Sha256Hex.IsValid(name))
            return EntryDebris.RemoveIfUncatalogued(_layout, name, _catalog.EntryExists);
        Trash.Discard(dir);
        return true;
    }
}
