using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;

namespace EnvTool.Store.Environments;

/// <summary>
/// The environment path itself: a symlink to <c>&lt;store&gt;/trees/&lt;key&gt;</c>. Reading it says
/// which tree is current; switching it is one rename(2) of a fresh symlink over the old one, so every
/// process that opens the path sees either the old tree or the new one, whole.
/// </summary>
internal static class EnvironmentLink
{
    private const string TempSuffix = ".envtool-switch";

    /// <summary>The tree key the path's symlink names, or null when nothing is at the path.</summary>
    /// <exception cref="EnvironmentPathTakenException">A file, directory or foreign symlink is at the path.</exception>
    internal static string? ReadTreeKey(StoreLayout layout, string path)
    {
        var status = Posix.TryStat(path);
        if (status is null) return null;
        if (status.Value.IsDirectory) throw new EnvironmentPathTakenException(path, "a directory");
        if (!status.Value.IsSymbolicLink) throw new EnvironmentPathTakenException(path, "a file");
        var target = Posix.TryReadLink(path) ?? throw new EnvironmentPathTakenException(path, "a file");
        return TreeKeyOf(layout, target)
            ?? throw new EnvironmentPathTakenException(path, $"a symbolic link to '{target}' (outside this store's trees)");
    }

    /// <summary>The key when <paramref name="target"/> is exactly a tree directory of this store; else null.</summary>
    internal static string? TreeKeyOf(StoreLayout layout, string target)
    {
        var prefix = layout.TreesDir + "/";
        if (!target.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var key = target[prefix.Length..];
        return IsTreeKey(key) ? key : null;
    }

    internal static bool IsTreeKey(string key) =>
        key.Length > 0 && key is not ("." or "..") && key.IndexOf('/') < 0 && key.IndexOf('\0') < 0;

    /// <summary>
    /// Points <paramref name="path"/> at the tree: a new symlink under a temporary name in the same
    /// directory, renamed over the path. The directory is not fsynced: a power loss may undo the
    /// rename, which leaves the previous tree in place, whole, and still named by its generation
    /// (the symlink wins over the catalog, see <see cref="EnvironmentReader"/>); the order that
    /// matters, tree and generation row on disk before the symlink names them, is kept by the
    /// callers (trees are synced before they are published, generations are committed durably).
    /// An fsync here cost a quarter of a millisecond, 6% of an empty <c>create</c>. With <paramref name="mustBeNew"/>
    /// the rename refuses to replace anything that appeared at the path since it was checked.
    /// Call under the environment's lock: the temporary name is fixed per path, so a killed switch
    /// leaves at most one leftover, found without listing the directory.
    /// </summary>
    internal static void Switch(StoreLayout layout, string path, string treeKey, bool mustBeNew)
    {
        var temp = TempPath(path);
        RemoveLeftover(layout, temp);
        var errno = Posix.TrySymlink(layout.TreeDir(treeKey), temp);
        if (errno != 0) throw Posix.Error("symlink", temp, errno);
        try
        {
            if (mustBeNew)
            {
                errno = Posix.TryRenameNoReplace(temp, path);
                if (errno == Errno.EEXIST || errno == Errno.ENOTEMPTY)
                {
                    ReadTreeKey(layout, path); // throws naming what appeared
                    throw new EnvironmentChangedException(path, null, null);
                }
                if (errno != 0) throw Posix.Error("rename", $"{temp} -> {path}", errno);
            }
            else
            {
                Posix.Rename(temp, path);
            }
        }
        catch
        {
            Posix.TryUnlink(temp);
            throw;
        }
    }

    /// <summary>Removes the temporary symlink a killed switch of this path left next to it (call under the environment lock).</summary>
    internal static void RemoveLeftovers(StoreLayout layout, string path) => RemoveLeftover(layout, TempPath(path));

    private static string TempPath(string path) => path + TempSuffix;

    private static void RemoveLeftover(StoreLayout layout, string temp)
    {
        // Only our own debris: a symlink into this store's trees.
        if (Posix.TryReadLink(temp) is { } target && TreeKeyOf(layout, target) is not null)
            Posix.TryUnlink(temp);
    }
}
