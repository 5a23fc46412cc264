using EnvTool.Tests.Install;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>`run`, `x` and `lock --script` with dependencies resolved from find-links and from a real HTTP index.</summary>
public sealed class ResolvingRunTests(StandInIndex index) : IClassFixture<StandInIndex>
{
    private static string WheelWithDependency(RunHarness h, string name, string version, params string[] requires)
    {
        var builder = new WheelBuilder(name, version)
            .File($"{name}/__init__.py", $"__version__ = \"{version}\"\n")
            .File($"{name}/cli.py", $"import sys\nfrom {name} import __version__\ndef main():\n    print('{name}', __version__, *sys.argv[1:])\n")
            .File($"{new WheelBuilder(name, version).DistInfo}/entry_points.txt", $"[console_scripts]\n{name} = {name}.cli:main\n");
        foreach (var r in requires) builder.MetadataHeader("Requires-Dist: " + r);
        return builder.WriteTo(h.Wheels);
    }

    [SkippableFact]
    public void A_script_s_find_links_and_no_index_resolve_its_dependencies()
    {
        using var h = new RunHarness();
        WheelWithDependency(h, "app", "1.0", "helper>=2");
        WheelWithDependency(h, "helper", "1.0");
        WheelWithDependency(h, "helper", "2.0");
        var script = h.Script("deps.py", """
            # /// script
            # dependencies = ["app"]
            # [tool.envtool]
            # find-links = ["../wheels"]
            # no-index = true
            # ///
            import app, helper
            print(app.__version__, helper.__version__)
            """);
        var r = h.Run("run", script);
        RunHarness.Ok(r);
        Assert.Equal("1.0 2.0", r.Stdout.Trim());
    }

    [SkippableFact]
    public void X_pins_a_version_with_at_and_takes_the_newest_without()
    {
        using var h = new RunHarness();
        WheelWithDependency(h, "black", "23.1");
        WheelWithDependency(h, "black", "24.2");
        var newest = h.Run("x", "--no-index", "--find-links", h.Wheels, "black", "--version");
        RunHarness.Ok(newest);
        Assert.Equal("black 24.2 --version", newest.Stdout.Trim());
        var pinned = h.Run("x", "--no-index", "--find-links", h.Wheels, "black@23.1", "--check");
        RunHarness.Ok(pinned);
        Assert.Equal("black 23.1 --check", pinned.Stdout.Trim());
        Assert.Equal(2, h.Links().Count);

        var missing = h.Run("x", "--no-index", "--find-links", h.Wheels, "black@25.0");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("black", missing.Stderr);
        Assert.Equal("", missing.Stdout);
    }

    [SkippableFact]
    public void Lock_script_writes_SCRIPT_lock_and_run_installs_exactly_that()
    {
        using var h = new RunHarness();
        WheelWithDependency(h, "app", "1.0", "helper");
        WheelWithDependency(h, "helper", "1.0");
        var script = h.Script("locked.py", "# /// script\n# dependencies = [\"app\"]\n# ///\nimport app, helper\nprint(app.__version__, helper.__version__)\n");
        var locked = h.Run("lock", "--script", script, "--no-index", "--find-links", h.Wheels);
        RunHarness.Ok(locked);
        var lockFile = script + ".lock";
        Assert.True(File.Exists(lockFile), locked.Stdout + locked.Stderr);
        Assert.Contains("lock-version = \"1.0\"", File.ReadAllText(lockFile));
        Assert.Contains("name = \"helper\"", File.ReadAllText(lockFile));

        // A newer helper appears; the lock still says 1.0, and run needs no resolution (no sources at all).
        WheelWithDependency(h, "helper", "2.0");
        var run = h.Run("run", script);
        RunHarness.Ok(run);
        Assert.Equal("1.0 1.0", run.Stdout.Trim());

        // Without the lock, the same script resolves to the newer helper.
        File.Move(lockFile, h.Sub("elsewhere.lock"));
        var resolved = h.Run("run", "--no-index", "--find-links", h.Wheels, script);
        RunHarness.Ok(resolved);
        Assert.Equal("1.0 2.0", resolved.Stdout.Trim());

        // --lock names a lock file anywhere.
        var explicitLock = h.Run("run", "--lock", h.Sub("elsewhere.lock"), script);
        RunHarness.Ok(explicitLock);
        Assert.Equal("1.0 1.0", explicitLock.Stdout.Trim());

        var withAndLock = h.Run("run", "--lock", h.Sub("elsewhere.lock"), "--with", "extra", script);
        Assert.Equal(1, withAndLock.ExitCode);
        Assert.Contains("--with cannot be added to the lock file", withAndLock.Stderr);
    }

    [SkippableFact]
    public void A_script_needing_requests_runs_from_an_http_index_and_the_warm_run_needs_no_index()
    {
        using var h = new RunHarness();
        var script = h.Script("fetch.py", $"""
            # /// script
            # dependencies = ["requests>=2", "flask"]
            # [tool.envtool]
            # index-url = "{index.IndexUrl}"
            # ///
            import requests, flask, urllib3
            print(requests.__version__, flask.__version__, urllib3.__version__)
            """);
        var cold = h.Run("run", script);
        RunHarness.Ok(cold);
        Assert.Equal("2.31 3.0 2.1", cold.Stdout.Trim());
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM trees"));

        // Wiping the temp directory while the index is down: the catalog's record brings it back.
        Directory.Delete(h.EphemeralDirectory, recursive: true);
        var served = Path.Combine(index.Server.Root, "standins");
        Directory.Move(served, served + "-away");
        try
        {
            var relinked = h.Run("run", script);
            RunHarness.Ok(relinked);
            Assert.Equal(cold.Stdout, relinked.Stdout);
            Assert.Equal(1, h.Scalar("SELECT count(*) FROM trees"));
        }
        finally
        {
            Directory.Move(served + "-away", served);
        }
    }
}
