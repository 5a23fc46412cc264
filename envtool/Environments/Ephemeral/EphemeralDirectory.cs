using System.Globalization;
using EnvTool.Store.IO;
using EnvTool.Store.Native;

namespace EnvTool.Environments.Ephemeral;

/// <summary>
/// Where ephemeral environments' symlinks live: <c>$TMPDIR/envtool-$UID</c> (TMPDIR defaulting to
/// /tmp), created 0700 and refused when it belongs to someone else or others may write it. Wiping it
/// (a reboot) loses nothing: the trees are in the store and the catalog knows which one each needs.
/// </summary>
public static class EphemeralDirectory
{
    public static string DefaultPath()
    {
        var tmp = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } t && Path.IsPathRooted(t) ? t : "/tmp";
        return Path.Combine(tmp, "envtool-" + CurrentUser.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The directory, created when missing and checked always.</summary>
    /// <exception cref="UnsafeDirectoryException">It is not private to this user.</exception>
    public static string Ensure(string path) => PrivateDirectory.Ensure(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
}
