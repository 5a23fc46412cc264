namespace EnvTool.Tests.Support;

/// <summary>
/// The real interpreters tests run against. Found on disk, never faked; a test that needs one and
/// finds none skips with a message (Skip.If) instead of passing vacuously.
/// </summary>
public static class TestPythons
{
    private static readonly Lazy<IReadOnlyList<string>> AllLazy = new(Find);

    /// <summary>Every distinct real CPython 3 executable on this machine (pyenv's and the system's).</summary>
    public static IReadOnlyList<string> All => AllLazy.Value;

    /// <summary>The preferred interpreter: $ENVTOOL_TEST_PYTHON, else pyenv 3.11, else the first found.</summary>
    public static string? Default =>
        Environment.GetEnvironmentVariable("ENVTOOL_TEST_PYTHON") is { Length: > 0 } p ? p
        : All.FirstOrDefault(x => x.Contains("/.pyenv/versions/3.11")) ?? All.FirstOrDefault();

    public static string RequireDefault()
    {
        var p = Default;
        Skip.If(p is null, "no Python 3 interpreter on this machine");
        return p!;
    }

    private static IReadOnlyList<string> Find()
    {
        var found = new List<string>();
        var home = Environment.GetEnvironmentVariable("PYENV_ROOT")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(home, "versions");
        if (Directory.Exists(versions))
            foreach (var dir in Directory.GetDirectories(versions).Order(StringComparer.Ordinal))
            {
                var exe = Path.Combine(dir, "bin", "python3");
                if (File.Exists(exe)) found.Add(exe);
            }
        foreach (var exe in new[] { "/usr/bin/python3", "/usr/local/bin/python3" })
            if (File.Exists(exe)) found.Add(exe);
        return found;
    }
}
