namespace EnvTool.Index;

/// <summary>
/// The index used when the user names none. This is the one place its address is written: the
/// ENVTOOL_INDEX_URL environment variable overrides it (tests and mirrors), and messages about it
/// go through <see cref="UrlRedaction"/> like every other URL.
/// </summary>
public static class DefaultIndex
{
    public const string EnvironmentVariable = "ENVTOOL_INDEX_URL";

    private const string PublicSimpleApi = "https://pypi.org/simple/";

    /// <summary>ENVTOOL_INDEX_URL when set and not empty, else the public index's simple API.</summary>
    public static string Url =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url ? url : PublicSimpleApi;
}
