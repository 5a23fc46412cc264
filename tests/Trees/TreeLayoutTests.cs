using System.Text.Json;
using EnvTool.Environments.Trees;
using EnvTool.Standards.Metadata;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>A tree is what `python -m venv` + `pip install --no-deps` of the same wheels would make.</summary>
public class TreeLayoutTests
{
    private static bool Comparable(string path)
    {
        var name = Path.GetFileName(path);
        return !path.Contains("__pycache__", StringComparison.Ordinal) && !path.EndsWith(".pyc", StringComparison.Ordinal)
            && name is not ("RECORD" or "INSTALLER" or "direct_url.json" or "activate.nu" or "pyvenv.cfg");
    }

    private static HashSet<string> RecordPaths(string sitePackages, string distInfo) =>
        RecordFile.Read(Path.Combine(sitePackages, distInfo, "RECORD")).Rows
            .Select(r => r.Path)
            .Where(p => Comparable(p) && !p.EndsWith("/INSTALLER", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    [SkippableFact]
    public void LayoutEqualsVenvPlusPipInstall()
    {
        var python = TestPythons.RequireDefault();
        var pipWheel = TestWheels.PipWheel(python);
        Skip.If(pipWheel is null, "no pip wheel to install with");
        using var t = new TreeTestStore();
        var demo = TestWheels.Demo();
        var other = TestWheels.Other();
        var tree = t.Build(python, t.Package(demo), t.Package(other));

        var venv = t.Dir.Sub("venv");
        Assert.Equal(0, TreeTestStore.Run(python, ["-m", "venv", "--without-pip", venv]).ExitCode);
        var pip = TreeTestStore.Run(Path.Combine(venv, "bin", "python"),
            ["-m", "pip", "install", "--no-deps", "--no-index", "--no-compile", "--disable-pip-version-check", "--no-cache-dir",
             t.WheelPath(demo), t.WheelPath(other)],
            new Dictionary<string, string?> { ["PYTHONPATH"] = pipWheel });
        Assert.True(pip.ExitCode == 0, pip.Stderr);

        Assert.Equal(TreeTestStore.Listing(venv, Comparable), TreeTestStore.Listing(tree.Path, Comparable));
        var info = TreeTestStore.Python(python);
        var treeSite = Path.Combine(tree.Path, info.SitePackagesRelative);
        var venvSite = Path.Combine(venv, info.SitePackagesRelative);
        foreach (var distInfo in new[] { "demo-1.0.dist-info", "other-2.0.dist-info" })
            Assert.Equal(RecordPaths(venvSite, distInfo).Order(StringComparer.Ordinal), RecordPaths(treeSite, distInfo).Order(StringComparer.Ordinal));
        // Same modes as pip gave: scripts executable, everything else not.
        foreach (var path in TreeTestStore.Listing(venv, Comparable).Where(p => File.Exists(Path.Combine(venv, p)) && new FileInfo(Path.Combine(venv, p)).LinkTarget is null))
            Assert.True(IsExecutable(Path.Combine(venv, path)) == IsExecutable(Path.Combine(tree.Path, path)), path);
    }

    private static bool IsExecutable(string path) => (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    [SkippableFact]
    public void SkeletonMatchesVenvForEveryInterpreter()
    {
        Skip.If(TestPythons.All.Count == 0, "no Python 3 interpreter on this machine");
        foreach (var python in TestPythons.All)
        {
            using var t = new TreeTestStore();
            var tree = t.Build(python);
            var venv = t.Dir.Sub("venv");
            var made = TreeTestStore.Run(python, ["-m", "venv", "--without-pip", venv]);
            Assert.True(made.ExitCode == 0, made.Stderr);
            var expected = TreeTestStore.Listing(venv, Comparable);
            var actual = TreeTestStore.Listing(tree.Path, Comparable);
            // Older venvs lack Activate.ps1; trees carry every activation script.
            Assert.Empty(expected.Except(actual));
            Assert.Subset(new HashSet<string>(expected.Append("bin/Activate.ps1")), new HashSet<string>(actual));
            foreach (var link in new[] { "bin/python", "bin/python3", "lib64" }.Where(l => expected.Contains(l)))
                Assert.NotNull(new FileInfo(Path.Combine(tree.Path, link)).LinkTarget);

            var cfg = File.ReadAllText(Path.Combine(tree.Path, "pyvenv.cfg"));
            var info = TreeTestStore.Python(python);
            Assert.Contains($"home = {info.Home}\n", cfg);
            Assert.Contains("include-system-site-packages = false\n", cfg);
            Assert.Contains($"version = {info.FullVersion}\n", cfg);
            Assert.Contains("envtool = ", cfg);

            // The interpreter accepts the tree as a venv (the comment lines included) and sees only its own site-packages.
            var run = TreeTestStore.Run(Path.Combine(tree.Path, "bin", "python"),
                ["-c", "import sys, json; print(json.dumps([sys.prefix, sys.base_prefix, [p for p in sys.path if p.endswith('site-packages')]]))"]);
            Assert.True(run.ExitCode == 0, python + ": " + run.Stderr);
            var facts = JsonDocument.Parse(run.Stdout).RootElement;
            Assert.Equal(tree.Path, facts[0].GetString());
            Assert.NotEqual(tree.Path, facts[1].GetString());
            Assert.Equal([Path.Combine(tree.Path, info.SitePackagesRelative)], facts[2].EnumerateArray().Select(e => e.GetString()!));
        }
    }
}
