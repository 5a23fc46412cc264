using EnvTool.Store.Catalog;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Verify;

/// <summary>
/// Checks each entry directory against its catalog rows: every listed file present and either the
/// same inode as its (good) object or a file with the object's exact bytes, and nothing unlisted.
/// </summary>
internal static class EntryChecker
{
    internal static List<EntryCheck> Check(
        StoreLayout layout,
        IReadOnlyList<EntryRow> entries,
        IReadOnlyDictionary<long, List<EntryFileRow>> files,
        IReadOnlyDictionary<long, ObjectCheck> objects,
        VerifyOptions options,
        IProgress<VerifyProgress>? progress)
    {
        var results = new EntryCheck[entries.Count];
        long done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, entries.Count, parallel, i =>
        {
            var entry = entries[i];
            results[i] = CheckOne(layout.Absolute(entry.RelativePath), entry, files.GetValueOrDefault(entry.Id) ?? [], objects);
            progress?.Report(new VerifyProgress("entries", Interlocked.Increment(ref done), entries.Count));
        });
        return [.. results];
    }

    private static EntryCheck CheckOne(string dir, EntryRow entry, List<EntryFileRow> files, IReadOnlyDictionary<long, ObjectCheck> objects)
    {
        var problems = new List<VerifyProblem>();
        var intact = new Dictionary<long, string>();
        if (Posix.TryStat(dir) is not { IsDirectory: true })
        {
            problems.Add(new VerifyProblem(VerifyProblemKind.MissingEntryDirectory, dir, "the catalog lists this entry but its directory is gone"));
            return new EntryCheck(entry.Id, entry.ArtifactSha256, dir, problems, intact);
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            listed.Add(file.Path);
            var path = Path.Combine(dir, file.Path);
            var obj = objects[file.ObjectId];
            var status = Posix.TryStat(path);
            if (status is not { IsRegularFile: true } s)
            {
                problems.Add(new VerifyProblem(VerifyProblemKind.MissingEntryFile, path, status is null ? "missing" : "not a regular file"));
                continue;
            }
            var objectGood = obj.Health is ObjectHealth.Good or ObjectHealth.WrongMode;
            if (file.Linked && objectGood && obj.Status is { } objectStatus && objectStatus.SameFileAs(s))
                continue;
            if (file.Linked && obj.Health == ObjectHealth.Corrupt && obj.Status is { } corrupt && corrupt.SameFileAs(s))
            {
                problems.Add(new VerifyProblem(VerifyProblemKind.EntryFileMismatch, path, "is a link to a corrupt object"));
                continue;
            }
            // Not the object's inode (an EXDEV/EPERM copy, or the object was replaced): compare bytes.
            var hashed = s.Size == obj.Row.Size ? HashingCopy.OfFile(path) : default;
            if (hashed.Sha256 == obj.Row.Object.Sha256 && hashed.Size == obj.Row.Size)
            {
                if (!objectGood) intact.TryAdd(file.ObjectId, path);
                if (file.Linked && objectGood)
                    problems.Add(new VerifyProblem(VerifyProblemKind.EntryFileMismatch, path, "has the right bytes but is no longer a link to its object"));
                continue;
            }
            problems.Add(new VerifyProblem(VerifyProblemKind.EntryFileMismatch, path, $"does not match object {obj.Row.Object.Sha256}"));
        }

        foreach (var found in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (Posix.TryStat(found) is { IsDirectory: true }) continue;
            var relative = Path.GetRelativePath(dir, found).Replace(Path.DirectorySeparatorChar, '/');
            if (!listed.Contains(relative))
                problems.Add(new VerifyProblem(VerifyProblemKind.ExtraEntryFile, found, "is not part of the artifact"));
        }
        return new EntryCheck(entry.Id, entry.ArtifactSha256, dir, problems, intact);
    }
}
