namespace EnvTool.Store.Environments;

/// <summary>
/// The identity of an environment: the path as the user named it, made absolute, without a trailing
/// separator, and NOT resolved through symlinks (the path itself is a symlink into the store, and a
/// project reached through a symlinked directory keeps the name its user sees).
/// </summary>
public static class EnvironmentPath
{
    public static string Normalize(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new Errors.EnvToolException("the environment path is empty");
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (full == Path.GetPathRoot(full))
            throw new Errors.EnvToolException($"'{path}' is a file system root, not a place for an environment");
        return full;
    }
}
