using EnvTool.Tests.Generations;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Install;

/// <summary>
/// The remembered answer of a resolution from local sources (cache/resolutions in the store), through
/// the real binary: reused while no input changed, and never once a wheel, a find-links listing or
/// the store's entries say otherwise. Waits of <see cref="Settle"/> let the inputs' stamps become
/// trustworthy (an answer read from a file changed in the last second is not remembered).
/// </summary>
public sealed class ResolutionMemoTests : IDisposable
{
    private const string Reused = "resolve: no input changed, the last result stands";
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(1100);

    private readonly InstallCli _cli = new();
    private readonly string _wheels;

    public ResolutionMemoTests()
    {
        _wheels = _cli.Temp.Sub("wheels");
        App("lib").WriteTo(_wheels);
        new WheelBuilder("lib", "1.0").WriteTo(_wheels);
        new WheelBuilder("extra-lib", "1.0").WriteTo(_wheels);
    }

    public void Dispose() => _cli.Dispose();

    private static WheelBuilder App(params string[] requires)
    {
        var app = new WheelBuilder("app", "1.0");
        foreach (var name in requires) app.MetadataHeader($"Requires-Dist: {name}");
        return app;
    }

    private EnvToolProcess.Result Create(string env, params string[] requests) =>
        _cli.Ok(["create", env, .. requests, "--python", _cli.Python, "--no-compile", "--no-index", "--find-links", _wheels]);

    private const string Versions = "import importlib.metadata as m; print(m.version('app'), m.version('lib'))";

    private static bool WasReused(EnvToolProcess.Result r) => (r.Stdout + r.Stderr).Contains(Reused, StringComparison.Ordinal);

    [SkippableFact]
    public void The_answer_stands_while_no_input_changes_and_a_wheel_rewritten_in_place_is_read_again()
    {
        Thread.Sleep(Settle);
        Assert.False(WasReused(Create("e1", "app")));
        var second = Create("e2", "app");
        Assert.True(WasReused(second), second.Stderr);
        Assert.Equal(["app", "lib"], _cli.Names("e2"));

        // The same file name, the same inode, the same directory listing: only the wheel's own stamp changed.
        var app = Path.Combine(_wheels, App().FileName);
        File.WriteAllBytes(app, App("lib", "extra-lib").ToBytes());
        Assert.False(WasReused(Create("e3", "app")));
        Assert.Equal(["app", "extra-lib", "lib"], _cli.Names("e3"));

        // Once the rewrite has settled, the new answer is remembered in turn.
        Thread.Sleep(Settle);
        Create("e4", "app");
        Assert.True(WasReused(Create("e5", "app")));
        Assert.Equal(["app", "extra-lib", "lib"], _cli.Names("e5"));
    }

    [SkippableFact]
    public void A_wheel_added_to_a_find_links_directory_is_seen_at_once()
    {
        Thread.Sleep(Settle);
        Create("e1", "app");
        Assert.True(WasReused(Create("e2", "app")));

        new WheelBuilder("lib", "2.0").WriteTo(_wheels);
        Assert.False(WasReused(Create("e3", "app")));
        Assert.Contains("lib 2.0", _cli.List("e3"));
    }

    [SkippableFact]
    public void A_named_wheel_file_is_an_input_and_so_is_every_request()
    {
        var lib = Path.Combine(_wheels, new WheelBuilder("lib", "1.0").FileName);
        Thread.Sleep(Settle);
        Create("e1", lib);
        Assert.True(WasReused(Create("e2", lib)));
        // Another request is another question.
        Assert.False(WasReused(Create("e3", lib, "extra-lib")));
        Assert.Equal(["extra-lib", "lib"], _cli.Names("e3"));

        File.WriteAllBytes(lib, new WheelBuilder("lib", "1.0").File("lib/__init__.py", "changed = True\n").ToBytes());
        Assert.False(WasReused(Create("e4", lib)));
        var imported = Packages.Python(_cli.Env("e4"), "import lib; print(lib.changed)");
        Assert.Equal("True", imported.Stdout);
    }

    [SkippableFact]
    public void An_answer_whose_wheels_left_the_store_is_resolved_again()
    {
        Thread.Sleep(Settle);
        Create("e1", "app");
        File.Delete(_cli.Env("e1"));
        _cli.Ok("store", "gc", "--grace", "0s");
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(_cli.Store, "entries")), d => Path.GetFileName(d).Length == 64);

        Assert.False(WasReused(Create("e2", "app")));
        Assert.Equal(["app", "lib"], _cli.Names("e2"));
    }

    [SkippableFact]
    public void A_remembered_answer_builds_a_tree_it_has_none_for_from_entries_it_roots_first()
    {
        // The remembered answer looks its entries up without rooting them; a tree that must be built
        // (here: another link mode, so another tree) roots them before linking from them.
        Thread.Sleep(Settle);
        Create("e1", "app");
        var copy = _cli.Ok(["create", "e2", "app", "--python", _cli.Python, "--no-compile", "--no-index", "--find-links", _wheels, "--link-mode", "copy"]);
        Assert.True(WasReused(copy), copy.Stderr);
        Assert.Equal(["app", "lib"], _cli.Names("e2"));
        Assert.Equal("1.0 1.0", Packages.Python(_cli.Env("e2"), Versions).Stdout);

        // Both environments keep their entries through a gc with no grace.
        _cli.Ok("store", "gc", "--grace", "0s");
        Assert.Equal(["app", "lib"], _cli.Names("e1"));
        Assert.Equal("1.0 1.0", Packages.Python(_cli.Env("e1"), Versions).Stdout);
        _cli.Ok("store", "verify");
    }
}
