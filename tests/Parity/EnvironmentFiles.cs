namespace EnvTool.Tests.Parity;

/// <summary>
/// The files of an environment that two installers must agree on: everything under site-packages
/// and bin, by path relative to the environment, minus what each installer writes about itself
/// (RECORD, INSTALLER, REQUESTED, direct_url.json), bytecode (compiled or not at will) and the
/// activation scripts (envtool ships its own, for more shells).
/// </summary>
internal static class EnvironmentFiles
{
    private static readonly HashSet<string> ActivationScripts =
        new(["activate", "activate.csh", "activate.fish", "activate.nu", "Activate.ps1"], StringComparer.Ordinal);
    private static readonly HashSet<string> InstallerRecords =
        new(["RECORD", "INSTALLER", "REQUESTED", "direct_url.json"], StringComparer.Ordinal);

    public static SortedSet<string> List(string environment)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        Walk(environment, Path.Combine(environment, "bin"), found);
        Walk(environment, SitePackages(environment), found);
        return found;
    }

    public static string SitePackages(string environment) =>
        Path.Combine(Directory.GetDirectories(Path.Combine(environment, "lib"), "python3.*").Single(), "site-packages");

    private static void Walk(string root, string dir, SortedSet<string> into)
    {
        foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            var rel = Path.GetRelativePath(root, info.FullName);
            if (Ignored(rel)) continue;
            // A symlinked directory is an entry of its own, not something to walk through.
            if (info is DirectoryInfo d && d.LinkTarget is null) Walk(root, d.FullName, into);
            else into.Add(rel);
        }
    }

    private static bool Ignored(string rel)
    {
        var parts = rel.Split('/');
        var name = parts[^1];
        if (parts.Contains("__pycache__") || name.EndsWith(".pyc", StringComparison.Ordinal)) return true;
        if (parts.Length == 2 && parts[0] == "bin") return ActivationScripts.Contains(name);
        return parts.Length >= 2 && parts[^2].EndsWith(".dist-info", StringComparison.Ordinal) && InstallerRecords.Contains(name);
    }

    public static bool IsExecutable(string path) => (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
