using EnvTool.Standards;
using Tomlyn.Model;

namespace EnvTool.Tests.Resolve;

/// <summary>One packse scenario file (format: /work/shared/packse/README.md), read with Tomlyn's model API.</summary>
public sealed class PackseScenario
{
    public const string Directory = "/work/shared/packse/scenarios";

    public required string Name { get; init; }
    public required string Category { get; init; }
    public required IReadOnlyList<string> Requires { get; init; }
    public required Universe Universe { get; init; }
    public string? EnvironmentPython { get; init; }
    public required TomlTable Options { get; init; }
    public required bool Satisfiable { get; init; }
    /// <summary>Normalized name to version; null when the scenario does not list the expected packages.</summary>
    public IReadOnlyDictionary<string, string>? ExpectedPackages { get; init; }

    /// <summary>The Python version to resolve for: the resolver option, else the environment's, else packse's default 3.12.</summary>
    public string TargetPython => Options.TryGetValue("python", out var p) ? (string)p : EnvironmentPython ?? "3.12";

    public static IEnumerable<PackseScenario> LoadAll() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.toml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(Load);

    public static PackseScenario Load(string path)
    {
        var toml = StrictToml.Parse(File.ReadAllText(path));
        var universe = new Universe();
        foreach (var (name, package) in Table(toml, "packages"))
            foreach (var (version, value) in Table((TomlTable)package, "versions"))
            {
                var release = (TomlTable)value;
                universe.Add(name, new Release(version)
                {
                    Requires = Strings(release, "requires"),
                    RequiresPython = release.TryGetValue("requires_python", out var rp) ? (string)rp : null,
                    Extras = Table(release, "extras").ToDictionary(e => e.Key, e => (IReadOnlyList<string>)((TomlArray)e.Value).Select(x => (string)x!).ToList()),
                    WheelTags = release.ContainsKey("wheel_tags") ? Strings(release, "wheel_tags") : ["py3-none-any"],
                    Wheel = !release.TryGetValue("wheel", out var wheel) || (bool)wheel,
                    Sdist = !release.TryGetValue("sdist", out var sdist) || (bool)sdist,
                    Yanked = release.TryGetValue("yanked", out var yanked) && (bool)yanked,
                });
            }
        var expected = Table(toml, "expected");
        return new PackseScenario
        {
            Name = (string)toml["name"],
            Category = Path.GetFileName(Path.GetDirectoryName(path))!,
            Requires = Strings(Table(toml, "root"), "requires"),
            Universe = universe,
            EnvironmentPython = Table(toml, "environment").TryGetValue("python", out var python) ? (string)python : null,
            Options = Table(toml, "resolver_options"),
            Satisfiable = (bool)expected["satisfiable"],
            ExpectedPackages = expected.TryGetValue("packages", out var packages)
                ? ((TomlTable)packages).ToDictionary(p => EnvTool.Standards.Names.PackageName.Normalize(p.Key), p => (string)p.Value)
                : null,
        };
    }

    private static TomlTable Table(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? (TomlTable)value : new TomlTable();

    private static IReadOnlyList<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) ? ((TomlArray)value).Select(v => (string)v!).ToList() : [];

    public override string ToString() => $"{Category}/{Name}";
}
