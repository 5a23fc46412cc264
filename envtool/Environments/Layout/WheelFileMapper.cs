namespace EnvTool.Environments.Layout;

/// <summary>
/// Maps a file of an unpacked wheel (a path in its store entry) to its place in a venv, the way an
/// installer spreads a wheel over the install schemes: the root goes to purelib or platlib (both are
/// site-packages in a venv), <c>NAME-VER.data/SCHEME/...</c> goes to that scheme.
/// </summary>
public sealed class WheelFileMapper(VenvLayout layout, string dataDirectory, string distribution)
{
    public sealed record Placement(string TreePath, WheelScheme Scheme);

    /// <exception cref="InvalidDataException">A .data subdirectory names no known scheme (the wheel
    /// importer refuses such wheels, so this means a corrupted entry).</exception>
    public Placement Map(string entryPath)
    {
        var prefix = dataDirectory + "/";
        if (!entryPath.StartsWith(prefix, StringComparison.Ordinal))
            return new(Join(layout.SitePackages, entryPath), WheelScheme.Purelib);
        var rest = entryPath[prefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash <= 0) throw new InvalidDataException($"'{entryPath}' is not inside a scheme directory of {dataDirectory}");
        var scheme = rest[..slash] switch
        {
            "purelib" => WheelScheme.Purelib,
            "platlib" => WheelScheme.Platlib,
            "scripts" => WheelScheme.Scripts,
            "headers" => WheelScheme.Headers,
            "data" => WheelScheme.Data,
            var other => throw new InvalidDataException($"'{entryPath}' names unknown install scheme '{other}'"),
        };
        return new(Join(layout.SchemeDirectory(scheme, distribution), rest[(slash + 1)..]), scheme);
    }

    private static string Join(string dir, string path) => dir.Length == 0 ? path : dir + "/" + path;
}
