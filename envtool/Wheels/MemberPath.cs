namespace EnvTool.Wheels;

/// <summary>
/// The rules a zip member name must follow to be unpacked under a directory without escaping it
/// or meaning something else on another operating system.
/// </summary>
public static class MemberPath
{
    /// <summary>
    /// Why <paramref name="name"/> cannot be unpacked safely, or null when it can. A trailing '/'
    /// (a directory member) is allowed; every other segment must be a plain, non-empty name.
    /// </summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "has an empty name";
        if (name[0] == '/') return "has an absolute path";
        if (name.Contains('\\')) return "has a backslash in its path";
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') return "starts with a drive letter";
        foreach (var c in name)
            if (char.IsControl(c)) return "has a control character in its path";

        var path = name.EndsWith('/') ? name[..^1] : name;
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "": return "has an empty path segment";
                case "..": return "has a '..' path segment";
                case ".": return "has a '.' path segment";
            }
            // "C:" or "a:b" would name a drive or an alternate data stream on Windows.
            if (segment.Contains(':')) return "has a ':' in its path";
        }
        return null;
    }
}
