using System.Collections.Concurrent;
using EnvTool.Store.Catalog;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Verify;

/// <summary>
/// Re-hashes objects in parallel. Incremental unless asked for a full pass: an object whose inode,
/// size, mtime and ctime match what was recorded at its last good hash is trusted without reading it
/// (any write, chmod or new link changes ctime, so a modified object is always re-read).
/// </summary>
internal static class ObjectChecker
{
    internal static List<ObjectCheck> Check(StoreLayout layout, IReadOnlyList<ObjectRow> rows, VerifyOptions options, IProgress<VerifyProgress>? progress)
    {
        var results = new ConcurrentBag<ObjectCheck>();
        long done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism ?? Environment.ProcessorCount };
        Parallel.ForEach(rows, parallel, row =>
        {
            results.Add(CheckOne(layout.ObjectPath(row.Object), row, options.Full));
            progress?.Report(new VerifyProgress("objects", Interlocked.Increment(ref done), rows.Count));
        });
        return [.. results];
    }

    private static ObjectCheck CheckOne(string path, ObjectRow row, bool full)
    {
        var status = Posix.TryStat(path);
        if (status is not { IsRegularFile: true } s)
            return new ObjectCheck(row, ObjectHealth.Missing, status is null ? "missing" : "not a regular file", null, null);
        var state = new VerifiedState(s.Inode, s.Size, s.MtimeNs, s.CtimeNs);
        if (s.Size != row.Size)
            return new ObjectCheck(row, ObjectHealth.Corrupt, $"has {s.Size} bytes, expected {row.Size}", s, null);

        VerifiedState? fresh = null;
        if (full || row.Verified != state)
        {
            var hashed = HashingCopy.OfFile(path);
            if (hashed.Sha256 != row.Object.Sha256 || hashed.Size != row.Size)
                return new ObjectCheck(row, ObjectHealth.Corrupt, $"hashes to {hashed.Sha256}", s, null);
            fresh = state;
        }
        if (s.Permissions != (uint)row.Object.Mode)
            return new ObjectCheck(row, ObjectHealth.WrongMode, $"mode {Convert.ToString(s.Permissions, 8)}, expected {Convert.ToString((uint)row.Object.Mode, 8)}", s, fresh);
        return new ObjectCheck(row, ObjectHealth.Good, "", s, fresh);
    }
}
