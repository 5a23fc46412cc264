using EnvTool.Store.Errors;
using EnvTool.Store.Native;

namespace EnvTool.Store.IO;

/// <summary>
/// A directory only its owner can use, in a place others can write to (the shared temp directory).
/// Anyone may create a name in /tmp first, so an existing directory is trusted only when it is a real
/// directory (not a symlink), owned by this user, with no group or other permissions: otherwise
/// another user could swap what envtool runs.
/// </summary>
public static class PrivateDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> with mode 0700 when missing (its parent must exist), then checks it.</summary>
    /// <exception cref="UnsafeDirectoryException">It exists but is not private to this user.</exception>
    public static string Ensure(string path)
    {
        if (Posix.TryStat(path) is null)
        {
            try
            {
                Directory.CreateDirectory(path, OwnerOnly);
            }
            catch (IOException) when (Posix.TryStat(path) is not null)
            {
                // Another process created it first: check what it made.
            }
        }
        Check(path);
        return path;
    }

    /// <summary>Throws unless <paramref name="path"/> is a directory owned by this user with mode 0700 or stricter.</summary>
    public static void Check(string path)
    {
        var status = Posix.TryStat(path) ?? throw new UnsafeDirectoryException(path, "does not exist");
        var uid = CurrentUser.Id;
        if (status.IsSymbolicLink) throw new UnsafeDirectoryException(path, "is a symbolic link");
        if (!status.IsDirectory) throw new UnsafeDirectoryException(path, "is not a directory");
        if (status.Uid != uid) throw new UnsafeDirectoryException(path, $"is owned by user {status.Uid}, not by you (user {uid})");
        if ((status.Permissions & 0b000_111_111) != 0)
            throw new UnsafeDirectoryException(path, $"has mode {Convert.ToString(status.Permissions, 8)}: group or others may use it");
    }
}

/// <summary>A directory that must be private to the user is not.</summary>
public sealed class UnsafeDirectoryException(string path, string problem)
    : EnvToolException($"refusing to use '{path}': it {problem}",
        "remove it, or point TMPDIR at a directory of your own")
{
    public string PathName { get; } = path;
}
