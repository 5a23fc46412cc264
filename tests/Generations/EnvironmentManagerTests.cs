using EnvTool.Standards.RequirementsFiles;
using EnvTool.Environments;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Environments;
using EnvTool.Store.Errors;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

/// <summary>The library: create, install, remove, rollback, list and history on real trees and a real interpreter.</summary>
public sealed class EnvironmentManagerTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-gen");
    private readonly ContentStore _store;
    private readonly string _wheels;

    public EnvironmentManagerTests()
    {
        _store = ContentStore.Open(_dir.Sub("store"));
        _wheels = _dir.Sub("wheels");
    }

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private string Env => _dir.Sub("project", ".venv");

    private EnvironmentManager Manager()
    {
        var python = TestPythons.RequireDefault();
        var info = InterpreterCache.Default.Get(python);
        return new EnvironmentManager(_store, findInterpreter: _ => info);
    }

    private static IReadOnlyList<PackageRequest> Wheels(params string[] paths) => paths.Select(PackageRequest.FromArgument).ToList();

    private EnvironmentChange Create(EnvironmentManager manager, params string[] wheels) =>
        manager.Create(new CreateRequest(Env, Wheels(wheels), InterpreterRequest.Any, LinkMode.Hardlink, Compile: false, "create"));

    [SkippableFact]
    public void Install_replaces_same_name_packages_and_keeps_the_rest()
    {
        var manager = Manager();
        var created = Create(manager, Packages.Wheel(_wheels, "alpha", "1.0"), Packages.Wheel(_wheels, "beta", "1.0"));
        Assert.Equal(1, created.Generation.Number);
        Assert.Equal("1.0", Packages.ImportedVersion(Env, "alpha"));

        var installed = manager.Install(Env, Wheels(Packages.Wheel(_wheels, "Alpha", "2.0"), Packages.Wheel(_wheels, "gamma", "1.0")), "install");

        Assert.Equal(2, installed.Generation.Number);
        Assert.Equal(
            [new GenerationChange(GenerationChangeKind.Changed, "Alpha", "1.0", "2.0"), new GenerationChange(GenerationChangeKind.Added, "gamma", null, "1.0")],
            installed.Changes);
        Assert.Equal(["Alpha 2.0", "beta 1.0", "gamma 1.0"], manager.List(Env).Packages.Select(p => $"{p.Name} {p.Version}"));
        Assert.All(manager.List(Env).Packages, p => Assert.True(p.Requested));
        Assert.Equal("2.0", Packages.ImportedVersion(Env, "alpha"));
        Assert.Equal("1.0", Packages.ImportedVersion(Env, "gamma"));
    }

    [SkippableFact]
    public void Installing_what_is_already_there_makes_no_generation()
    {
        var manager = Manager();
        var wheel = Packages.Wheel(_wheels, "alpha", "1.0");
        Create(manager, wheel);
        var again = manager.Install(Env, Wheels(wheel), "install again");
        Assert.False(again.Changed);
        Assert.Equal(1, again.Generation.Number);
        Assert.Single(manager.History(Env).Generations);
    }

    [SkippableFact]
    public void Remove_drops_named_packages_and_names_unknown_ones()
    {
        var manager = Manager();
        Create(manager, Packages.Wheel(_wheels, "alpha", "1.0"), Packages.Wheel(_wheels, "beta", "1.0"));

        var e = Assert.Throws<EnvToolException>(() => manager.Remove(Env, ["alpha", "nosuch", "other"], "remove"));
        Assert.Contains("nosuch, other", e.Message);
        Assert.Single(manager.History(Env).Generations);

        var removed = manager.Remove(Env, ["ALPHA"], "remove alpha");
        Assert.Equal([new GenerationChange(GenerationChangeKind.Removed, "alpha", "1.0", null)], removed.Changes);
        Assert.Equal(["beta"], manager.List(Env).Packages.Select(p => p.Name));
        Assert.NotEqual(0, Packages.Python(Env, "import alpha").ExitCode);
    }

    [SkippableFact]
    public void Rollback_makes_a_new_generation_and_repeated_rollbacks_keep_going_back()
    {
        var manager = Manager();
        Create(manager, Packages.Wheel(_wheels, "alpha", "1.0"));
        manager.Install(Env, Wheels(Packages.Wheel(_wheels, "alpha", "2.0")), "install 2");
        manager.Install(Env, Wheels(Packages.Wheel(_wheels, "alpha", "3.0")), "install 3");

        var first = manager.Rollback(Env, null, "rollback");
        Assert.Equal((4, 2), (first.Generation.Number, first.Generation.Restores));
        Assert.Equal("2.0", Packages.ImportedVersion(Env, "alpha"));
        var second = manager.Rollback(Env, null, "rollback");
        Assert.Equal((5, 1), (second.Generation.Number, second.Generation.Restores));
        Assert.Equal("1.0", Packages.ImportedVersion(Env, "alpha"));
        Assert.Contains("no earlier generation", Assert.Throws<EnvToolException>(() => manager.Rollback(Env, null, "rollback")).Message);

        var undo = manager.Rollback(Env, 3, "rollback --to 3");
        Assert.Equal([new GenerationChange(GenerationChangeKind.Changed, "alpha", "1.0", "3.0")], undo.Changes);
        Assert.Equal("3.0", Packages.ImportedVersion(Env, "alpha"));
        Assert.Contains("no generation 9", Assert.Throws<EnvToolException>(() => manager.Rollback(Env, 9, "rollback")).Message);

        var history = manager.History(Env);
        Assert.Equal(6, history.Current);
        Assert.Equal([null, null, null, 2, 1, 3], history.Generations.Select(g => g.Restores));
        Assert.Equal([null, 1, 2, 3, 4, 5], history.Generations.Select(g => g.Parent));
    }

    [SkippableFact]
    public void Rollback_needs_neither_the_wheel_files_nor_a_new_tree()
    {
        var manager = Manager();
        Create(manager, Packages.Wheel(_wheels, "alpha", "1.0"));
        manager.Install(Env, Wheels(Packages.Wheel(_wheels, "alpha", "2.0")), "install");
        Directory.Delete(_wheels, recursive: true);
        var trees = Directory.GetDirectories(_store.Layout.TreesDir).Length;

        var rolled = manager.Rollback(Env, null, "rollback");

        Assert.True(rolled.TreeReused);
        Assert.Equal(trees, Directory.GetDirectories(_store.Layout.TreesDir).Length);
        Assert.Equal("1.0", Packages.ImportedVersion(Env, "alpha"));
    }

    [SkippableFact]
    public void A_second_environment_with_the_same_set_reuses_the_tree()
    {
        var manager = Manager();
        var wheel = Packages.Wheel(_wheels, "alpha", "1.0");
        var first = Create(manager, wheel);
        var other = _dir.Sub("other", "env");
        var second = manager.Create(new CreateRequest(other, Wheels(wheel), InterpreterRequest.Any, LinkMode.Hardlink, Compile: false, "create other"));

        Assert.False(first.TreeReused);
        Assert.True(second.TreeReused);
        Assert.Equal(first.Generation.TreeKey, second.Generation.TreeKey);
        Assert.Equal(new FileInfo(Env).LinkTarget, new FileInfo(other).LinkTarget);
        Assert.Single(Directory.GetDirectories(_store.Layout.TreesDir));
        Assert.Equal("1.0", Packages.ImportedVersion(other, "alpha"));
    }

    [SkippableFact]
    public void Requirements_files_name_local_wheels_by_file_url_and_the_name_must_match()
    {
        var manager = Manager();
        var alpha = Packages.Wheel(_wheels, "alpha", "1.0");
        var file = _dir.Sub("requirements.txt");
        File.WriteAllText(file, $"# pinned\nalpha @ {new Uri(alpha).AbsoluteUri}\n");
        var created = manager.Create(new CreateRequest(Env, PackageRequest.FromRequirementsFile(RequirementsFile.Read(file)), InterpreterRequest.Any, LinkMode.Hardlink, false, "create -r"));
        Assert.Equal(["alpha 1.0"], created.Packages.Select(p => $"{p.Name} {p.Version}"));
        Assert.Contains(new Uri(alpha).AbsoluteUri, created.Packages.Single().DirectUrlJson);

        File.WriteAllText(file, $"beta @ {new Uri(Packages.Wheel(_wheels, "alpha", "2.0")).AbsoluteUri}\n");
        var e = Assert.Throws<EnvToolException>(() => manager.Install(Env, PackageRequest.FromRequirementsFile(RequirementsFile.Read(file)), "install -r"));
        Assert.Contains($"{file}:1", e.Message);
        Assert.Contains("names beta, but the wheel is alpha 2.0", e.Message);
        Assert.Single(manager.History(Env).Generations);
    }

    [SkippableFact]
    public void Bare_names_are_refused_until_the_resolver_lands()
    {
        var manager = Manager();
        var e = Assert.Throws<EnvToolException>(() => Create(manager, "flask"));
        Assert.Contains("'flask'", e.Message);
        Assert.Contains("resolver", e.Message);
        Assert.False(Path.Exists(Env));
    }

    [SkippableFact]
    public void Create_refuses_an_existing_environment_and_commands_need_one()
    {
        var manager = Manager();
        Create(manager, Packages.Wheel(_wheels, "alpha", "1.0"));
        Assert.Contains("already an environment", Assert.Throws<EnvToolException>(() => Create(manager)).Message);
        var missing = _dir.Sub("missing");
        Assert.Throws<NoEnvironmentException>(() => manager.List(missing));
        Assert.Throws<NoEnvironmentException>(() => manager.Rollback(missing, null, "rollback"));
    }
}
