using EnvTool.Store.Entries;
using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;

namespace EnvTool.Store.Staging;

/// <summary>
/// Removes staging directories whose owner is gone: their owner flock can be taken (another user's
/// is set aside, see <see cref="Trash"/>, so one user's crash never blocks the others). A directory
/// without a lock file is either being created this instant or was abandoned before its lock
/// existed; only the second kind is old, so those are removed after a grace period.
/// </summary>
internal static class StagingSweeper
{
    internal static readonly TimeSpan LocklessGrace = TimeSpan.FromMinutes(10);

    /// <summary>Returns the staging directories that belong to no live process (used by verify to report).</summary>
    internal static IReadOnlyList<string> FindDead(StoreLayout layout) => Scan(layout, remove: false, null);

    /// <summary>Removes dead staging directories; returns what was removed.</summary>
    /// <param name="onPublishIntent">Called with the artifact a dead staging directory was publishing
    /// (see EntryDebris), before that directory is removed, so its uncatalogued entry can go too.</param>
    internal static IReadOnlyList<string> Sweep(StoreLayout layout, Action<string>? onPublishIntent = null) =>
        Scan(layout, remove: true, onPublishIntent);

    private static List<string> Scan(StoreLayout layout, bool remove, Action<string>? onPublishIntent)
    {
        var dead = new List<string>();
        if (!Directory.Exists(layout.TmpDir)) return dead;
        foreach (var dir in Directory.EnumerateFileSystemEntries(layout.TmpDir))
        {
            if (Trash.IsTrash(dir)) continue; // another user's dead staging, set aside for their (or root's) gc
            var status = Posix.TryStat(dir);
            if (status is null) continue;
            if (!status.Value.IsDirectory)
            {
                // Nothing but staging directories belongs in tmp/; a stray file is debris.
                if (IsOld(status.Value)) Take(dir, remove, dead);
                continue;
            }
            FileLock? ownerLock;
            try
            {
                ownerLock = FileLock.TryAcquireExisting(Path.Combine(dir, StagingDirectory.LockFileName));
            }
            catch (PosixException e) when (e.Errno == 20 /* ENOTDIR */)
            {
                continue;
            }
            if (ownerLock is null)
            {
                // Either a live owner holds it, or there is no lock file (yet).
                if (!File.Exists(Path.Combine(dir, StagingDirectory.LockFileName)) && IsOld(status.Value))
                    Take(dir, remove, dead);
                continue;
            }
            using (ownerLock)
            {
                if (remove && onPublishIntent is not null && EntryDebris.ReadPublishIntent(dir) is { } artifact)
                    onPublishIntent(artifact);
                Take(dir, remove, dead);
            }
        }
        return dead;
    }

    private static bool IsOld(FileStatus status) =>
        DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds(status.MtimeNs / 1_000_000) > LocklessGrace;

    private static void Take(string dir, bool remove, List<string> dead)
    {
        if (remove)
        {
            try
            {
                Trash.Discard(dir);
            }
            catch (DirectoryNotFoundException)
            {
                // Another sweeper got there first.
            }
        }
        dead.Add(dir);
    }
}
