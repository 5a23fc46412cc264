using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

/// <summary>The real envtool binary: what users type, what they read, and the exit codes.</summary>
public sealed class EnvironmentCommandTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-gen-cli");
    private readonly string _project;
    private readonly string _wheels;

    public EnvironmentCommandTests()
    {
        _project = _dir.Sub("project");
        _wheels = _dir.Sub("wheels");
        Directory.CreateDirectory(_project);
    }

    public void Dispose() => _dir.Dispose();

    private EnvToolProcess.Result Run(params string[] args) => Run(null, args);

    private EnvToolProcess.Result Run(IDictionary<string, string?>? env, params string[] args)
    {
        var variables = new Dictionary<string, string?> { ["ENVTOOL_STORE"] = _dir.Sub("store"), ["VIRTUAL_ENV"] = null };
        foreach (var (k, v) in env ?? new Dictionary<string, string?>()) variables[k] = v;
        return EnvToolProcess.Run(args, variables, _project);
    }

    private static void Ok(EnvToolProcess.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [SkippableFact]
    public void Create_install_remove_rollback_list_and_history_end_to_end()
    {
        var python = TestPythons.RequireDefault();
        var alpha1 = Packages.Wheel(_wheels, "alpha", "1.0");
        var beta = Packages.Wheel(_wheels, "beta", "1.0");
        var alpha2 = Packages.Wheel(_wheels, "alpha", "2.0");
        var venv = Path.Combine(_project, ".venv");

        var create = Run("create", "--python", python, "--no-compile", alpha1, beta);
        Ok(create);
        Assert.Matches(@"^Created \.venv \(generation 1\) with Python 3\.\d+\.\d+: 2 packages$", Lines(create.Stdout)[0]);
        Assert.Contains("+ alpha 1.0", Lines(create.Stdout));
        Assert.Contains("+ beta 1.0", Lines(create.Stdout));
        Assert.Contains("Activate with: source .venv/bin/activate", Lines(create.Stdout));
        Assert.Equal("1.0", Packages.ImportedVersion(venv, "alpha"));

        var install = Run("install", alpha2);
        Ok(install);
        Assert.Equal(["Installed 1 package into .venv (generation 2)", "~ alpha 1.0 -> 2.0"], Lines(install.Stdout));
        Assert.Equal("2.0", Packages.ImportedVersion(venv, "alpha"));

        // --env defaults to $VIRTUAL_ENV before ./.venv.
        var remove = Run(new Dictionary<string, string?> { ["VIRTUAL_ENV"] = venv }, "remove", "beta");
        Ok(remove);
        Assert.Equal([$"Removed 1 package from {venv} (generation 3)", "- beta 1.0"], Lines(remove.Stdout));

        var list = Run("list");
        Ok(list);
        Assert.Equal(["alpha 2.0"], Lines(list.Stdout));

        var rollback = Run("rollback", "--to", "1");
        Ok(rollback);
        Assert.Equal(["Rolled back .venv to generation 1 (now generation 4)", "~ alpha 2.0 -> 1.0", "+ beta 1.0"], Lines(rollback.Stdout));
        Assert.Equal("1.0", Packages.ImportedVersion(venv, "alpha"));
        Assert.Equal("1.0", Packages.ImportedVersion(venv, "beta"));

        var history = Run("history", "--env", ".venv");
        Ok(history);
        var lines = Lines(history.Stdout);
        Assert.Matches(@"^1  \S+ \S+  envtool create --python \S+ --no-compile \S+alpha-1\.0-py3-none-any\.whl \S+$", lines[0]);
        Assert.Contains("+ alpha 1.0", lines);
        Assert.Matches(@"^4 \(current\)  \S+ \S+  envtool rollback --to 1  \[rollback to 1\]$", lines.Single(l => l.StartsWith('4')));
    }

    [SkippableFact]
    public void List_and_history_json_parse()
    {
        var python = TestPythons.RequireDefault();
        Ok(Run("create", "env", "--python", python, Packages.Wheel(_wheels, "alpha", "1.0")));
        Ok(Run("install", "--env", "env", Packages.Wheel(_wheels, "alpha", "2.0")));

        var list = Run("list", "--env", "env", "--format", "json");
        Ok(list);
        using var listing = JsonDocument.Parse(list.Stdout);
        Assert.Equal(Path.Combine(_project, "env"), listing.RootElement.GetProperty("path").GetString());
        Assert.Equal(2, listing.RootElement.GetProperty("generation").GetInt32());
        Assert.Equal("auto", listing.RootElement.GetProperty("linkMode").GetString());
        var package = Assert.Single(listing.RootElement.GetProperty("packages").EnumerateArray());
        Assert.Equal(("alpha", "2.0", true), (package.GetProperty("name").GetString(), package.GetProperty("version").GetString(), package.GetProperty("requested").GetBoolean()));

        var history = Run("history", "--env", "env", "--format", "json");
        Ok(history);
        using var doc = JsonDocument.Parse(history.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("current").GetInt32());
        var generations = doc.RootElement.GetProperty("generations").EnumerateArray().ToList();
        Assert.Equal([1, 2], generations.Select(g => g.GetProperty("number").GetInt32()));
        var change = Assert.Single(generations[1].GetProperty("changes").EnumerateArray());
        Assert.Equal(("changed", "1.0", "2.0"), (change.GetProperty("kind").GetString(), change.GetProperty("before").GetString(), change.GetProperty("after").GetString()));
        Assert.True(generations[1].GetProperty("current").GetBoolean());
    }

    [SkippableFact]
    public void A_plain_directory_at_the_path_is_refused_and_left_intact()
    {
        var python = TestPythons.RequireDefault();
        var venv = Path.Combine(_project, ".venv");
        Directory.CreateDirectory(Path.Combine(venv, "bin"));
        File.WriteAllText(Path.Combine(venv, "pyvenv.cfg"), "home = /usr/bin\n");

        var create = Run("create", "--python", python, Packages.Wheel(_wheels, "alpha", "1.0"));
        Assert.Equal(1, create.ExitCode);
        Assert.Contains($"error: '{venv}' is a directory, not an envtool environment; it was left untouched", create.Stderr);
        Assert.Equal("home = /usr/bin\n", File.ReadAllText(Path.Combine(venv, "pyvenv.cfg")));
        Assert.True(Directory.Exists(Path.Combine(venv, "bin")));

        var install = Run("install", Packages.Wheel(_wheels, "alpha", "1.0"));
        Assert.Equal(1, install.ExitCode);
        Assert.Contains("left untouched", install.Stderr);
        Assert.Equal(1, Run("list").ExitCode);
    }

    [SkippableFact]
    public void Clone_shares_the_tree_and_the_copies_then_change_independently()
    {
        var python = TestPythons.RequireDefault();
        var alpha1 = Packages.Wheel(_wheels, "alpha", "1.0");
        var beta = Packages.Wheel(_wheels, "beta", "1.0");
        Ok(Run("create", "--python", python, "--link-mode", "copy", alpha1, beta));
        var source = Path.Combine(_project, ".venv");
        var copy = Path.Combine(_project, "review", ".venv");

        var clone = Run("create", "review/.venv", "--clone", ".venv");
        Ok(clone);
        Assert.Matches(@"^Created review/\.venv \(generation 1\) with Python 3\.\d+\.\d+: 2 packages$", Lines(clone.Stdout)[0]);
        Assert.Contains("+ alpha 1.0", Lines(clone.Stdout));
        // One tree for both: the clone is a symlink to the very tree the source uses, link mode and all.
        Assert.Equal(Directory.ResolveLinkTarget(source, false)!.FullName, Directory.ResolveLinkTarget(copy, false)!.FullName);
        Assert.Equal("1.0", Packages.ImportedVersion(copy, "alpha"));
        Assert.Matches(@"^1 \(current\)  \S+ \S+  envtool create review/\.venv --clone \.venv$", Lines(Run("history", "--env", "review/.venv").Stdout)[0]);

        // Changing the copy leaves the source as it was.
        Ok(Run("install", "--env", "review/.venv", Packages.Wheel(_wheels, "alpha", "2.0")));
        Assert.Equal("2.0", Packages.ImportedVersion(copy, "alpha"));
        Assert.Equal("1.0", Packages.ImportedVersion(source, "alpha"));
        Assert.Equal(["alpha 1.0", "beta 1.0"], Lines(Run("list", "--env", ".venv").Stdout));

        // What --clone cannot take, and what it cannot clone.
        var mixed = Run("create", "other", "--clone", ".venv", "--python", python);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("--clone takes everything from '.venv'", mixed.Stderr);
        Assert.False(Path.Exists(Path.Combine(_project, "other")));
        var taken = Run("create", "review/.venv", "--clone", ".venv");
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("is already an environment", taken.Stderr);
        var missing = Run("create", "other", "--clone", "nowhere");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"no environment at '{Path.Combine(_project, "nowhere")}'", missing.Stderr);
        Assert.False(Path.Exists(Path.Combine(_project, "other")));
    }

    [SkippableFact]
    public void Errors_are_one_clear_line_with_a_hint()
    {
        var python = TestPythons.RequireDefault();
        var bare = Run(new Dictionary<string, string?> { ["ENVTOOL_INDEX_URL"] = null, ["PIP_INDEX_URL"] = null, ["UV_DEFAULT_INDEX"] = null, ["UV_INDEX_URL"] = null },
            "create", ".venv", "--python", python, "flask");
        Assert.Equal(1, bare.ExitCode);
        Assert.Contains("error: no package source configured", bare.Stderr);
        Assert.Contains("hint:", bare.Stderr);
        Assert.False(Path.Exists(Path.Combine(_project, ".venv")));

        var none = Run("list");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains($"no environment at '{Path.Combine(_project, ".venv")}'", none.Stderr);

        Ok(Run("create", "--python", python, Packages.Wheel(_wheels, "alpha", "1.0")));
        var unknown = Run("remove", "nosuch");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("not installed in", unknown.Stderr);
        Assert.Contains("nosuch", unknown.Stderr);
        var badMode = Run("create", "other", "--link-mode", "teleport");
        Assert.NotEqual(0, badMode.ExitCode);
    }

    [Fact]
    public void Create_help_explains_activation_and_its_limits()
    {
        var help = EnvToolProcess.Run(["create", "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("bin/activate", help.Stdout);
        Assert.Contains("cannot tell a sourced script its own path", help.Stdout.Replace("\n", " ").Replace("  ", " "));
        Assert.Contains("Examples:", help.Stdout);
        foreach (var command in new[] { "install", "remove", "list", "history", "rollback" })
            Assert.Contains("Examples:", EnvToolProcess.Run([command, "--help"]).Stdout);
    }
}
