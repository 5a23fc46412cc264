using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Wheels;

/// <summary>Wheels real tools built: Debian's python-wheels and the ones each pyenv Python bundles for ensurepip.</summary>
public class RealWheelTests
{
    private static List<string> RealWheels()
    {
        var found = new List<string>();
        if (Directory.Exists("/usr/share/python-wheels")) found.AddRange(Directory.GetFiles("/usr/share/python-wheels", "*.whl"));
        var pyenv = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
        if (Directory.Exists(pyenv))
            foreach (var version in Directory.GetDirectories(pyenv))
                foreach (var lib in Directory.GetDirectories(Path.Combine(version, "lib"), "python3*"))
                    if (Directory.Exists(Path.Combine(lib, "ensurepip", "_bundled")))
                        found.AddRange(Directory.GetFiles(Path.Combine(lib, "ensurepip", "_bundled"), "*.whl"));
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    [SkippableFact]
    public void EveryRealWheelImportsAndVerifiesClean()
    {
        var wheels = RealWheels();
        Skip.If(wheels.Count == 0, "no real wheels on this machine (/usr/share/python-wheels, pyenv ensurepip)");
        using var dir = new TempDir("envtool-realwheels");
        var store = dir.Sub("store");

        var add = StoreCli.Ok(store, ["store", "add", .. wheels]);
        Assert.Empty(StoreCli.Errors(add));
        StoreCli.Ok(store, "store", "verify", "--full");

        using var json = JsonDocument.Parse(StoreCli.Ok(store, "store", "list", "--format", "json").Stdout);
        var listed = json.RootElement.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()).ToHashSet();
        foreach (var wheel in wheels) Assert.Contains(Path.GetFileName(wheel), listed);

        // Importing again unpacks nothing.
        var again = StoreCli.Ok(store, ["store", "add", .. wheels]);
        Assert.All(again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("present", line));
    }
}
