namespace EnvTool.Tests.Resolve;

/// <summary>One release of a test package: what its wheel's METADATA says and which files the index lists.</summary>
public sealed record Release(string Version)
{
    public IReadOnlyList<string> Requires { get; init; } = [];
    public string? RequiresPython { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extras { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>One wheel per entry (a tag triple, possibly compressed).</summary>
    public IReadOnlyList<string> WheelTags { get; init; } = ["py3-none-any"];
    public bool Wheel { get; init; } = true;
    public bool Sdist { get; init; } = true;
    public bool Yanked { get; init; }
}

/// <summary>A hand-made package universe: project name to its releases.</summary>
public sealed class Universe
{
    private readonly Dictionary<string, List<Release>> _packages = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, List<Release>> Packages => _packages;

    public Universe Add(string name, Release release)
    {
        if (!_packages.TryGetValue(name, out var list)) _packages[name] = list = [];
        list.Add(release);
        return this;
    }

    public Universe Add(string name, string version, params string[] requires) =>
        Add(name, new Release(version) { Requires = requires });
}
