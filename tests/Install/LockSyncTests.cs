using System.Text.RegularExpressions;
using EnvTool.Standards.Locks;
using EnvTool.Tests.Generations;
using EnvTool.Tests.Resolve;

namespace EnvTool.Tests.Install;

/// <summary>envtool lock writes a PEP 751 file; sync and create --lock install exactly that, verified, with no resolution.</summary>
public sealed class LockSyncTests(StandInIndex index) : IClassFixture<StandInIndex>, IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string LockPath => Path.Combine(_cli.Project, "pylock.toml");

    [SkippableFact]
    public void Lock_then_sync_into_a_fresh_environment_installs_exactly_the_locked_set()
    {
        var locked = _cli.Ok("lock", "flask", "--index-url", index.IndexUrl, "--python", _cli.Python);
        Assert.Equal("Locked 7 packages to pylock.toml", InstallCli.Lines(locked.Stdout)[0]);

        var lockFile = PyLockReader.Read(LockPath);
        Assert.Equal("envtool", lockFile.CreatedBy);
        Assert.Equal(StandInIndex.FlaskSet, lockFile.Packages.Select(p => p.Name.Normalized).ToArray());
        foreach (var package in lockFile.Packages)
        {
            Assert.NotNull(package.Version);
            Assert.Equal(index.IndexUrl, package.Index);
            var wheel = Assert.Single(package.Wheels);
            Assert.StartsWith(index.IndexUrl.Replace("/simple/", "/files/"), wheel.Url);
            Assert.True(wheel.Size > 0);
            Assert.NotNull(wheel.Hashes.Sha256);
        }

        // No index on the command line: the lock names every file.
        _cli.Ok("create", ".venv", "--python", _cli.Python, "--no-compile");
        var sync = _cli.Ok("sync", "pylock.toml");
        Assert.Equal("Synced 7 packages in .venv (generation 2)", InstallCli.Lines(sync.Stdout)[0]);
        Assert.Equal(lockFile.Packages.Select(p => $"{p.Name.Normalized} {p.Version}").ToArray(),
            _cli.List().Select(l => l.ToLowerInvariant()).ToArray());
        Assert.Equal("3.0", Packages.ImportedVersion(_cli.Env(), "flask"));

        // create --lock is the same in one step; the lock's [tool.envtool] says what was asked for.
        _cli.Ok("create", "second", "--lock", "pylock.toml", "--python", _cli.Python, "--no-compile");
        Assert.Equal(_cli.List(), _cli.List("second"));
        var requested = Packages.Python(_cli.Env("second"),
            "import importlib.metadata as m; print(sorted(d.metadata['Name'].lower() for d in m.distributions() if d.read_text('REQUESTED') is not None))");
        Assert.Equal("['flask']", requested.Stdout);

        // Syncing again changes nothing.
        Assert.Equal("Nothing to change: .venv stays at generation 2", InstallCli.Lines(_cli.Ok("sync").Stdout)[0]);
    }

    [SkippableFact]
    public void Local_files_are_locked_by_path_relative_to_the_lock_and_for_another_python_version()
    {
        var lockDir = Path.Combine(_cli.Project, "locks");
        Directory.CreateDirectory(lockDir);
        _cli.Ok("lock", "click", "--no-index", "--find-links", index.FindLinks, "--python-version", "3.9", "-o", "locks/pylock.toml");
        var lockFile = PyLockReader.Read(Path.Combine(lockDir, "pylock.toml"));
        var wheel = Assert.Single(Assert.Single(lockFile.Packages).Wheels);
        Assert.Null(wheel.Url);
        Assert.Equal(Path.GetRelativePath(lockDir, Path.Combine(index.FindLinks, "click-8.1-py3-none-any.whl")), wheel.Path);
        Assert.Equal(new FileInfo(Path.Combine(index.FindLinks, "click-8.1-py3-none-any.whl")).Length, wheel.Size);

        var both = _cli.Run("lock", "click", "--find-links", index.FindLinks, "--python", _cli.Python, "--python-version", "3.9");
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("--python and --python-version were both given", both.Stderr);
    }

    [SkippableFact]
    public void Re_locking_prefers_the_versions_already_in_the_output_file()
    {
        using var server = new StaticIndexServer();
        var old = server.Publish(new Universe().Add("lib", "1.0"), "old").AbsoluteUri;
        var current = server.Publish(new Universe().Add("lib", "1.0").Add("lib", "2.0"), "current").AbsoluteUri;

        _cli.Ok("lock", "lib", "--index-url", old, "--python", _cli.Python);
        var relock = _cli.Ok("lock", "lib", "--index-url", current, "--python", _cli.Python);
        Assert.Contains("lib 1.0", InstallCli.Lines(relock.Stdout));
        Assert.Equal("1.0", PyLockReader.Read(LockPath).Packages.Single().Version!.ToString());

        File.Delete(LockPath);
        _cli.Ok("lock", "lib", "--index-url", current, "--python", _cli.Python);
        Assert.Equal("2.0", PyLockReader.Read(LockPath).Packages.Single().Version!.ToString());
    }

    [SkippableFact]
    public void A_tampered_hash_makes_sync_fail_before_anything_changes()
    {
        _cli.Ok("lock", "flask", "--find-links", index.FindLinks, "--python", _cli.Python);
        _cli.Ok("create", ".venv", "click", "--find-links", index.FindLinks, "--python", _cli.Python, "--no-compile");
        var before = _cli.List();
        var store = _cli.StoreContent();

        // Change one digit of werkzeug's sha256: the file no longer matches what the lock promises.
        var text = File.ReadAllText(LockPath);
        var match = Regex.Match(text, @"name = ""werkzeug-3\.0-py3-none-any\.whl""[^\[]*?sha256 = ""([0-9a-f]{64})""");
        Assert.True(match.Success, text);
        var good = match.Groups[1].Value;
        var bad = (good[0] == '0' ? "1" : "0") + good[1..];
        File.WriteAllText(LockPath, text.Replace(good, bad));

        var sync = _cli.Run("sync", "pylock.toml");
        Assert.Equal(1, sync.ExitCode);
        Assert.Contains($"error: werkzeug-3.0-py3-none-any.whl from {Path.Combine(index.FindLinks, "werkzeug-3.0-py3-none-any.whl")} does not match pylock.toml: expected sha256:{bad}, got sha256:{good}", sync.Stderr);
        Assert.Equal(before, _cli.List());
        Assert.Equal(store, _cli.StoreContent());
        Assert.False(Path.Exists(_cli.Env("fresh")));

        var create = _cli.Run("create", "fresh", "--lock", "pylock.toml", "--python", _cli.Python);
        Assert.Equal(1, create.ExitCode);
        Assert.Contains("does not match pylock.toml", create.Stderr);
        Assert.False(Path.Exists(_cli.Env("fresh")));
        Assert.Equal(store, _cli.StoreContent());
    }

    [SkippableFact]
    public void A_lock_and_requirements_together_are_refused()
    {
        _cli.Ok("lock", "click", "--find-links", index.FindLinks, "--python", _cli.Python);
        var both = _cli.Run("create", ".venv", "flask", "--lock", "pylock.toml", "--python", _cli.Python);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("'flask' was named together with a lock file", both.Stderr);
    }
}
