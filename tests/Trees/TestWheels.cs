using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Wheels that exercise every install scheme and kind of script.</summary>
internal static class TestWheels
{
    /// <summary>demo 1.0: a package, a subpackage, console and GUI entry points, a #!python script, a
    /// plain script, purelib/headers/data scheme files.</summary>
    public static WheelBuilder Demo(string version = "1.0") => new WheelBuilder("demo", version)
        .File("demo/__init__.py", "import sys\n\ndef main():\n    print('demo main', sys.prefix)\n    return 0\n")
        .File("demo/sub/__init__.py", "")
        .File("demo/sub/mod.py", "VALUE = 42\n")
        .File($"demo-{version}.dist-info/entry_points.txt",
            "[console_scripts]\ndemo-cli = demo:main\n\n[gui_scripts]\ndemo-gui = demo:main\n\n[demo.plugins]\nx = demo:main\n")
        .Script("demo-tool", "#!python\nimport demo\nprint('tool', demo.__name__)\n")
        .Script("plain.sh", "#!/bin/sh\necho plain\n")
        .File($"demo-{version}.data/purelib/demo_extra.py", "EXTRA = True\n")
        .File($"demo-{version}.data/headers/demo.h", "#define DEMO 1\n")
        .File($"demo-{version}.data/data/share/demo/readme.txt", "read me\n");

    /// <summary>other 2.0: a plain package with a console script.</summary>
    public static WheelBuilder Other() => new WheelBuilder("other", "2.0")
        .File("other/__init__.py", "def run():\n    print('other ran')\n")
        .File("other-2.0.dist-info/entry_points.txt", "[console_scripts]\nother = other:run\n");

    /// <summary>The pip wheel this interpreter bundles for ensurepip, else Debian's; null when neither exists.</summary>
    public static string? PipWheel(string python)
    {
        var version = Path.GetDirectoryName(Path.GetDirectoryName(python))!;
        foreach (var lib in Directory.Exists(Path.Combine(version, "lib")) ? Directory.GetDirectories(Path.Combine(version, "lib"), "python3*") : [])
        {
            var bundled = Path.Combine(lib, "ensurepip", "_bundled");
            if (Directory.Exists(bundled) && Directory.GetFiles(bundled, "pip-*.whl").FirstOrDefault() is { } pip) return pip;
        }
        return Directory.Exists("/usr/share/python-wheels")
            ? Directory.GetFiles("/usr/share/python-wheels", "pip-*.whl").FirstOrDefault()
            : null;
    }
}
