namespace EnvTool.Index;

/// <summary>
/// The index used when the user names none with --index-url. envtool ships no built-in address: it
/// takes ENVTOOL_INDEX_URL, else the variables pip and uv users already set (PIP_INDEX_URL,
/// UV_DEFAULT_INDEX, UV_INDEX_URL). With none of them and no --find-links, resolving commands stop
/// with <see cref="Errors.NoIndexConfiguredException"/>.
/// </summary>
public static class DefaultIndex
{
    public const string EnvironmentVariable = "ENVTOOL_INDEX_URL";

    private static readonly string[] Variables = [EnvironmentVariable, "PIP_INDEX_URL", "UV_DEFAULT_INDEX", "UV_INDEX_URL"];

    /// <summary>The first of those variables that is set and not empty, or null.</summary>
    public static string? Url =>
        Variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
