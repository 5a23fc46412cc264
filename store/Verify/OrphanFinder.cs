using EnvTool.Store.Catalog;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Verify;

/// <summary>
/// Finds what is on disk but not in the catalog. Work in flight looks the same for a moment, so:
/// an entry directory counts only when its artifact lock is free and the catalog still has no row;
/// an object only when it is older than the grace period and still has no row.
/// </summary>
internal static class OrphanFinder
{
    internal static List<VerifyProblem> EntryDirectories(StoreLayout layout, VerifyCatalog catalog, IReadOnlySet<string> catalogued)
    {
        var found = new List<VerifyProblem>();
        if (!Directory.Exists(layout.EntriesDir)) return found;
        foreach (var dir in Directory.EnumerateFileSystemEntries(layout.EntriesDir))
        {
            var name = Path.GetFileName(dir);
            if (catalogued.Contains(name) || Trash.IsTrash(dir)) continue; // set aside for its owner's gc: not a problem
            if (Sha256Hex.IsValid(name))
            {
                // An importer renames its directory into place before committing the row, holding this lock throughout.
                using var artifactLock = FileLock.TryAcquireExisting(layout.ArtifactLockPath(name));
                if (artifactLock is null && File.Exists(layout.ArtifactLockPath(name))) continue;
                if (catalog.EntryExists(name)) continue;
            }
            found.Add(new VerifyProblem(VerifyProblemKind.OrphanEntryDirectory, dir, "is not in the catalog (left by an interrupted import)"));
        }
        return found;
    }

    internal static List<VerifyProblem> Objects(StoreLayout layout, VerifyCatalog catalog, IReadOnlySet<ObjectRef> catalogued, TimeSpan grace)
    {
        var found = new List<VerifyProblem>();
        if (!Directory.Exists(layout.ObjectsDir)) return found;
        var cutoffNs = (DateTimeOffset.UtcNow - grace).ToUnixTimeMilliseconds() * 1_000_000;
        foreach (var shard in Directory.EnumerateFileSystemEntries(layout.ObjectsDir))
        {
            if (Posix.TryStat(shard) is not { IsDirectory: true })
            {
                found.Add(new VerifyProblem(VerifyProblemKind.OrphanObject, shard, "does not belong in objects/"));
                continue;
            }
            foreach (var file in Directory.EnumerateFileSystemEntries(shard))
            {
                var parsed = Parse(Path.GetFileName(shard), Path.GetFileName(file));
                if (parsed is { } obj && catalogued.Contains(obj)) continue;
                if (Posix.TryStat(file) is not { } status || status.CtimeNs > cutoffNs) continue;
                if (parsed is { } known && catalog.ObjectExists(known)) continue;
                found.Add(new VerifyProblem(VerifyProblemKind.OrphanObject, file, parsed is null ? "is not an object name" : "is not in the catalog"));
            }
        }
        return found;
    }

    /// <summary>Reads an object file name back into its reference; null if it is not one the store would write.</summary>
    internal static ObjectRef? Parse(string shard, string fileName)
    {
        var original = fileName;
        var copy = 0;
        var dot = fileName.IndexOf('.');
        if (dot >= 0)
        {
            if (!int.TryParse(fileName.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out copy) || copy <= 0)
                return null;
            fileName = fileName[..dot];
        }
        var executable = fileName.EndsWith('x');
        var sha = shard + (executable ? fileName[..^1] : fileName);
        if (!Sha256Hex.IsValid(sha)) return null;
        var obj = new ObjectRef(sha, executable, copy);
        return obj.FileName == original ? obj : null; // rejects other spellings, such as ".01"
    }
}
