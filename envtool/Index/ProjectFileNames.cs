using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;

namespace EnvTool.Index;

/// <summary>
/// Which files belong to a project: a wheel whose distribution part normalizes to the project's name, or
/// an sdist named <c>{name}-{version}.{tar.gz,zip,...}</c> with a valid version. Find-links locations list
/// every project's files side by side, so this is how they are told apart; index pages get the same check
/// so a page can never slip another project's files in.
/// </summary>
internal static class ProjectFileNames
{
    private static readonly string[] SdistExtensions = [".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".txz", ".tar"];

    public static bool BelongsTo(string fileName, string normalizedName)
    {
        if (fileName.EndsWith(".whl", StringComparison.Ordinal))
        {
            var dash = fileName.IndexOf('-');
            return dash > 0 && PackageName.Normalize(fileName[..dash]) == normalizedName;
        }
        foreach (var extension in SdistExtensions)
        {
            if (!fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) continue;
            var stem = fileName[..^extension.Length];
            // The name itself may contain '-': try each split whose left side is the name.
            for (var dash = stem.IndexOf('-'); dash > 0; dash = stem.IndexOf('-', dash + 1))
                if (PackageName.Normalize(stem[..dash]) == normalizedName && Pep440Version.TryParse(stem[(dash + 1)..], out _))
                    return true;
            return false;
        }
        return false;
    }
}
