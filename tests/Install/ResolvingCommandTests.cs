using EnvTool.Tests.Generations;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Install;

/// <summary>
/// create, install and remove through the resolver, run as the real binary against a static index
/// served over HTTP on loopback and against the same wheels as a --find-links directory.
/// </summary>
public sealed class ResolvingCommandTests(StandInIndex index) : IClassFixture<StandInIndex>, IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [SkippableFact]
    public void Create_from_find_links_installs_flask_with_its_dependencies()
    {
        var create = _cli.Ok("create", ".venv", "flask", "--find-links", index.FindLinks, "--python", _cli.Python, "--no-compile");
        Assert.Matches(@"^Created \.venv \(generation 1\) with Python 3\.\d+\.\d+: 7 packages$", InstallCli.Lines(create.Stdout)[0]);
        Assert.Contains("+ Flask 3.0", InstallCli.Lines(create.Stdout));
        Assert.Equal(StandInIndex.FlaskSet, _cli.Names());
        Assert.Equal("3.0", Packages.ImportedVersion(_cli.Env(), "flask"));
        Assert.Equal("3.0", Packages.ImportedVersion(_cli.Env(), "werkzeug"));
        Assert.Equal("2.1", Packages.ImportedVersion(_cli.Env(), "markupsafe"));
    }

    [SkippableFact]
    public void Create_from_an_http_index_gives_the_same_environment_and_marks_only_flask_requested()
    {
        _cli.Ok("create", ".venv", "flask", "--index-url", index.IndexUrl, "--python", _cli.Python, "--no-compile");
        Assert.Equal(StandInIndex.FlaskSet, _cli.Names());
        // REQUESTED marks what the user named (PEP 376), as pip writes it.
        var requested = Packages.Python(_cli.Env(),
            "import importlib.metadata as m; print(sorted(d.metadata['Name'].lower() for d in m.distributions() if d.read_text('REQUESTED') is not None))");
        Assert.Equal("['flask']", requested.Stdout);
        var installer = Packages.Python(_cli.Env(), "import importlib.metadata as m; print(m.distribution('werkzeug').read_text('INSTALLER').strip())");
        Assert.Equal("envtool", installer.Stdout);
    }

    [SkippableFact]
    public void The_index_can_come_from_the_environment_or_a_requirements_file_and_none_is_a_clear_error()
    {
        var none = _cli.Run("create", ".venv", "flask", "--python", _cli.Python);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("error: no package source configured", none.Stderr);
        Assert.Contains("hint: pass --index-url URL", none.Stderr);
        Assert.False(Path.Exists(_cli.Env()));

        var fromVariable = _cli.Run(new Dictionary<string, string?> { ["ENVTOOL_INDEX_URL"] = index.IndexUrl },
            "create", ".venv", "click", "--python", _cli.Python, "--no-compile");
        Assert.True(fromVariable.ExitCode == 0, fromVariable.Stderr);
        Assert.Equal(["click"], _cli.Names());

        var requirements = Path.Combine(_cli.Project, "requirements.txt");
        File.WriteAllText(requirements, $"--index-url {index.IndexUrl}\nblinker\n");
        _cli.Ok("install", "-r", "requirements.txt");
        Assert.Equal(["blinker", "click"], _cli.Names());
    }

    [SkippableFact]
    public void Install_keeps_what_fits_and_remove_re_resolves_so_orphans_go()
    {
        var sources = new[] { "--index-url", index.IndexUrl };
        _cli.Ok(["create", ".venv", "flask<3", "--python", _cli.Python, "--no-compile", .. sources]);
        Assert.Contains("Flask 2.0", _cli.List());
        Assert.Contains("Werkzeug 3.0", _cli.List());

        // Adding requests leaves Flask 2.0 alone: installed versions are preferred where they fit.
        var install = _cli.Ok(["install", "requests", .. sources]);
        Assert.Equal("Installed 5 packages into .venv (generation 2)", InstallCli.Lines(install.Stdout)[0]);
        Assert.Contains("Flask 2.0", _cli.List());

        // A dependency cannot be removed while something needs it, and nothing changes.
        var refused = _cli.Run(["remove", "werkzeug", .. sources]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot remove Werkzeug: Flask needs it", refused.Stderr);

        // Removing flask takes its now-unneeded dependencies with it; requests and its own stay.
        var remove = _cli.Ok(["remove", "flask", .. sources]);
        Assert.Equal("Removed 6 packages from .venv (generation 3)", InstallCli.Lines(remove.Stdout)[0]);
        Assert.Equal(["certifi", "charset-normalizer", "idna", "requests", "urllib3"], _cli.Names());

        Assert.Contains("- MarkupSafe 2.1", InstallCli.Lines(remove.Stdout));
        var history = InstallCli.Lines(_cli.Ok("history").Stdout);
        Assert.Contains(history, l => l.StartsWith("3 (current)", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void An_unsatisfiable_request_prints_the_derivation_and_leaves_the_environment_as_it_was()
    {
        var sources = new[] { "--find-links", index.FindLinks };
        _cli.Ok(["create", ".venv", "click", "--python", _cli.Python, "--no-compile", .. sources]);
        var before = _cli.List();
        var store = _cli.StoreContent();

        var conflict = _cli.Run(["install", "flask>=3", "werkzeug<3", .. sources]);
        Assert.Equal(1, conflict.ExitCode);
        // The derivation, one sentence per step, each following from the ones before.
        Assert.Contains(
            "error: No solution found when resolving dependencies:\n" +
            "Because flask>=3.0 depends on werkzeug>=3.0 and you require flask>=3, werkzeug>=3.0 is required.\n" +
            "And because you require werkzeug<3, your requirements are unsatisfiable.\n",
            conflict.Stderr);

        Assert.Equal(before, _cli.List());
        Assert.Equal(store, _cli.StoreContent());
        Assert.DoesNotContain(InstallCli.Lines(_cli.Ok("history").Stdout), l => l.StartsWith('2'));
    }

    [SkippableFact]
    public void A_local_wheel_is_installed_with_its_dependencies_from_the_sources_and_kept_on_later_changes()
    {
        var wheels = _cli.Temp.Sub("local");
        var app = new WheelBuilder("app", "1.0").File("app/__init__.py", "__version__ = \"1.0\"\n")
            .MetadataHeader("Requires-Dist: click>=8").WriteTo(wheels);
        var sources = new[] { "--find-links", index.FindLinks };

        _cli.Ok(["create", ".venv", app, "--python", _cli.Python, "--no-compile", .. sources]);
        Assert.Equal(["app", "click"], _cli.Names());
        var directUrl = Packages.Python(_cli.Env(), "import importlib.metadata as m; print(m.distribution('app').read_text('direct_url.json'))");
        Assert.Contains("file://", directUrl.Stdout);

        // The app stays pinned to its wheel when something else is installed, even with the file gone.
        File.Delete(app);
        _cli.Ok(["install", "blinker", .. sources]);
        Assert.Equal(["app", "blinker", "click"], _cli.Names());
        Assert.Equal("1.0", Packages.ImportedVersion(_cli.Env(), "app"));
    }

    [SkippableFact]
    public void No_deps_installs_only_what_is_named_and_constraints_limit_versions()
    {
        _cli.Ok("create", ".venv", "flask", "--no-deps", "--find-links", index.FindLinks, "--python", _cli.Python, "--no-compile");
        Assert.Equal(["flask"], _cli.Names());

        var constraints = Path.Combine(_cli.Project, "constraints.txt");
        File.WriteAllText(constraints, "werkzeug<3\nrequests<1\n");
        _cli.Ok("create", "other", "flask", "-c", "constraints.txt", "--find-links", index.FindLinks, "--python", _cli.Python, "--no-compile");
        // werkzeug<3 rules out flask 3.0; the constraint on requests adds nothing.
        Assert.Contains("Flask 2.0", _cli.List("other"));
        Assert.Contains("Werkzeug 2.0", _cli.List("other"));
        Assert.DoesNotContain("requests", _cli.Names("other"));
    }
}
