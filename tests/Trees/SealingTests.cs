using EnvTool.Store.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Published trees refuse every change, root's included, until unsealed.</summary>
public class SealingTests
{
    [SkippableFact]
    public void PipInstallInsideATreeFailsAndLeavesItUnchanged()
    {
        var python = TestPythons.RequireDefault();
        var pipWheel = TestWheels.PipWheel(python);
        Skip.If(pipWheel is null, "no pip wheel to install with");
        using var t = new TreeTestStore();
        var tree = t.Build(python, t.Package(TestWheels.Demo()));
        var extra = TestWheels.Other().WriteTo(t.Dir.Sub("more"));
        var env = t.Dir.Sub("env");
        File.CreateSymbolicLink(env, tree.Path);

        var dirs = Directory.GetDirectories(tree.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }).Append(tree.Path).ToList();
        foreach (var dir in dirs)
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                File.GetUnixFileMode(dir));
        var immutable = TreeSealing.IsImmutable(tree.Path);
        if (Environment.UserName == "root")
        {
            // Root ignores 0555: only the immutable flag stops it. Expect it wherever the file system has it.
            Skip.IfNot(immutable, "the store's file system does not support the immutable flag");
            Assert.All(dirs, d => Assert.True(TreeSealing.IsImmutable(d), d));
        }

        var before = TreeTestStore.Listing(tree.Path);
        var pip = TreeTestStore.Run(Path.Combine(env, "bin", "python"),
            ["-m", "pip", "install", "--no-deps", "--no-index", "--no-compile", "--disable-pip-version-check", "--no-cache-dir", extra],
            new Dictionary<string, string?> { ["PYTHONPATH"] = pipWheel });
        Assert.NotEqual(0, pip.ExitCode);
        Assert.Equal(before, TreeTestStore.Listing(tree.Path));

        var site = Path.Combine(tree.Path, TreeTestStore.Python(python).SitePackagesRelative);
        Assert.ThrowsAny<Exception>(() => File.WriteAllText(Path.Combine(site, "intruder.py"), ""));
        Assert.ThrowsAny<Exception>(() => File.Delete(Path.Combine(site, "demo", "__init__.py")));
        Assert.ThrowsAny<Exception>(() => Directory.Move(Path.Combine(site, "demo"), Path.Combine(site, "moved")));
        Assert.Equal(before, TreeTestStore.Listing(tree.Path));

        TreeSealing.Unseal(tree.Path);
        Assert.False(TreeSealing.IsImmutable(tree.Path));
        File.WriteAllText(Path.Combine(site, "now-writable.py"), "");
        Assert.True(File.Exists(Path.Combine(site, "now-writable.py")));
    }
}
