using System.Diagnostics;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Run;

/// <summary>`envtool run`: the real binary, real interpreters, real wheels, real signals.</summary>
public sealed class RunCommandTests
{
    private static string Block(params string[] dependencies) =>
        "# /// script\n# dependencies = [" + string.Join(", ", dependencies.Select(d => "\"" + d + "\"")) + "]\n# ///\n";

    [SkippableFact]
    public void A_script_needing_a_package_runs_and_a_second_run_reuses_its_environment()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var script = h.Script("app.py", Block($"greet @ {RunHarness.FileUrl(wheel)}") + "import greet, sys\nprint(greet.greet())\nprint(sys.prefix)\n");

        var first = h.Run("run", script);
        RunHarness.Ok(first);
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("hello from greet 1.0", lines[0]);
        var links = h.Links();
        var (link, target) = Assert.Single(links);
        Assert.Equal(link, lines[1]); // the script's sys.prefix is the symlink, not the tree behind it
        Assert.StartsWith(Path.Combine(h.Store, "trees") + "/", target);
        var trees = h.Scalar("SELECT count(*) FROM trees");

        var second = h.Run("run", script);
        RunHarness.Ok(second);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(links, h.Links());
        Assert.Equal(trees, h.Scalar("SELECT count(*) FROM trees"));
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM roots WHERE kind = 'ephemeral'"));
    }

    [SkippableFact]
    public void A_wiped_temp_directory_is_recreated_from_the_store_without_a_new_tree()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var script = h.Script("app.py", Block($"greet @ {RunHarness.FileUrl(wheel)}") + "import greet\nprint(greet.greet())\n");
        RunHarness.Ok(h.Run("run", script));
        var links = h.Links();
        var trees = h.Scalar("SELECT count(*) FROM trees");
        var entries = h.Scalar("SELECT count(*) FROM entries");

        Directory.Delete(h.EphemeralDirectory, recursive: true);
        File.Delete(wheel); // no wheel, no resolution: the catalog's record brings the environment back

        var again = h.Run("run", script);
        RunHarness.Ok(again);
        Assert.Equal("hello from greet 1.0", again.Stdout.Trim());
        Assert.Equal(links, h.Links());
        Assert.Equal(trees, h.Scalar("SELECT count(*) FROM trees"));
        Assert.Equal(entries, h.Scalar("SELECT count(*) FROM entries"));
        Assert.Equal(Convert.ToString(Convert.ToInt32("700", 8), 8), Convert.ToString((int)File.GetUnixFileMode(h.EphemeralDirectory), 8));
    }

    [SkippableFact]
    public void Two_scripts_with_the_same_needs_share_one_environment_in_any_order()
    {
        using var h = new RunHarness();
        var a = RunHarness.FileUrl(h.Wheel("alpha"));
        var b = RunHarness.FileUrl(h.Wheel("beta"));
        var one = h.Script("one.py", Block($"alpha @ {a}", $"beta @ {b}") + "print(1)\n");
        var two = h.Script("two.py", Block($"beta @ {b}", $"alpha @ {a}") + "print(2)\n");
        RunHarness.Ok(h.Run("run", one));
        RunHarness.Ok(h.Run("run", two));
        Assert.Single(h.Links());
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM trees"));
    }

    [SkippableFact]
    public void Exit_codes_pass_through()
    {
        using var h = new RunHarness();
        var zero = h.Script("zero.py", "print('ok')\n");
        var three = h.Script("three.py", "import sys\nprint('failing', file=sys.stderr)\nsys.exit(3)\n");
        var ok = h.Run("run", zero);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("ok", ok.Stdout.Trim());
        var failed = h.Run("run", three);
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("failing", failed.Stderr.Trim()); // nothing of envtool's own on stderr
    }

    [SkippableFact]
    public void Arguments_after_the_script_are_the_script_s_even_when_they_look_like_envtool_options()
    {
        using var h = new RunHarness();
        var script = h.Script("args.py", "import sys, json\nprint(json.dumps(sys.argv[1:]))\n");
        var r = h.Run("run", script, "--python", "x", "--with", "y", "--", "-h", "plain");
        RunHarness.Ok(r);
        Assert.Equal("[\"--python\", \"x\", \"--with\", \"y\", \"--\", \"-h\", \"plain\"]", r.Stdout.Trim());
    }

    [SkippableFact]
    public void The_script_replaces_envtool_same_pid_recorded_in_its_root_and_no_envtool_descriptors_leak()
    {
        using var h = new RunHarness();
        // The descriptors apart from the owner lock, which envtool hands to the script on purpose (gc
        // keeps the environment while the script runs), then how many owner locks it holds.
        var script = h.Script("pid.py", """
            import os
            print(os.getpid())
            fds = {}
            for f in os.listdir('/proc/self/fd'):
                try: fds[int(f)] = os.readlink('/proc/self/fd/' + f)
                except OSError: fds[int(f)] = ''
            print(sorted(fd for fd, target in fds.items() if '/locks/owner-' not in target))
            print(sum('/locks/owner-' in target for target in fds.values()))
            """);
        using var p = h.Start("run", script);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(p.Id, int.Parse(output[0]));
        Assert.Equal(p.Id, h.Scalar("SELECT pid FROM roots WHERE kind = 'ephemeral'"));
        Assert.True(h.Scalar("SELECT pid_started FROM roots WHERE kind = 'ephemeral'") > 0);
        // Exactly the descriptors the same interpreter started directly by this test process sees.
        var direct = new ProcessStartInfo(h.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        direct.ArgumentList.Add(script);
        using var d = Process.Start(direct)!;
        d.StandardInput.Close();
        var expected = d.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        d.WaitForExit();
        Assert.Equal(expected[1], output[1]);
        Assert.Equal("0", expected[2]);
        Assert.Equal("1", output[2]);
    }

    [SkippableFact]
    public void Standard_input_is_the_script_s()
    {
        using var h = new RunHarness();
        var script = h.Script("upper.py", "import sys\nsys.stdout.write(sys.stdin.read().upper())\n");
        using var p = h.Start("run", script);
        p.StandardInput.Write("piped\nlines\n");
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("PIPED\nLINES\n", output);
    }

    [SkippableFact]
    public void SIGINT_ends_the_script_with_130()
    {
        using var h = new RunHarness();
        var script = h.Script("wait.py", "import time\nprint('ready', flush=True)\ntime.sleep(60)\n");
        using var p = h.Start("run", script);
        Assert.Equal("ready", p.StandardOutput.ReadLine());
        Signal(p.Id, "INT");
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(130, p.ExitCode);
        Assert.Contains("KeyboardInterrupt", p.StandardError.ReadToEnd());
    }

    [SkippableFact]
    public void SIGTERM_reaches_the_script_s_handler()
    {
        using var h = new RunHarness();
        var script = h.Script("term.py", """
            import signal, sys, time
            def on_term(signum, frame):
                print("got SIGTERM", signum, flush=True)
                sys.exit(7)
            signal.signal(signal.SIGTERM, on_term)
            print("ready", flush=True)
            time.sleep(60)
            """);
        using var p = h.Start("run", script);
        Assert.Equal("ready", p.StandardOutput.ReadLine());
        Signal(p.Id, "TERM");
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal("got SIGTERM 15", p.StandardOutput.ReadLine());
        Assert.Equal(7, p.ExitCode);
    }

    [SkippableFact]
    public void A_malformed_block_is_an_error_naming_the_line()
    {
        using var h = new RunHarness();
        var script = h.Script("bad.py", "import sys\n# /// script\n# dependencies = [\"ok\",\n#   \"not a requirement!\"]\n# ///\nprint('never')\n");
        var r = h.Run("run", script);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains($"{script}:3:", r.Stderr);
        Assert.False(Directory.Exists(h.EphemeralDirectory) && h.Links().Count > 0);

        var unclosed = h.Script("unclosed.py", "# /// script\n# dependencies = []\nprint('never')\n");
        var r2 = h.Run("run", unclosed);
        Assert.NotEqual(0, r2.ExitCode);
        Assert.Contains($"{unclosed}:1: the '# /// script' block is never closed", r2.Stderr);
    }

    [SkippableFact]
    public void A_script_without_a_block_runs_in_a_bare_environment()
    {
        using var h = new RunHarness();
        var script = h.Script("bare.py", "import sys, importlib.metadata as m\nprint(sys.prefix != sys.base_prefix, len(list(m.distributions(path=[p for p in sys.path if 'site-packages' in p and p.startswith(sys.prefix)]))))\n");
        var r = h.Run("run", script);
        RunHarness.Ok(r);
        Assert.Equal("True 0", r.Stdout.Trim());
        Assert.Equal(0, h.Scalar("SELECT count(*) FROM tree_entries"));
    }

    [SkippableFact]
    public void With_adds_requirements_to_a_script_and_runs_commands_after_a_double_dash()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var script = h.Script("with.py", "import greet\nprint(greet.greet())\n");
        var r = h.Run("run", "--with", wheel, script);
        RunHarness.Ok(r);
        Assert.Equal("hello from greet 1.0", r.Stdout.Trim());

        // A console script of the environment, found in its bin/ before PATH.
        var cli = h.Run("run", "--with", wheel, "--", "greet-cli", "a", "--b");
        RunHarness.Ok(cli);
        Assert.Equal("hello from greet 1.0 a --b", cli.Stdout.Trim());

        // A command from PATH sees the environment activated.
        var sh = h.Run("run", "--", "sh", "-c", "echo \"$VIRTUAL_ENV\"; command -v python");
        RunHarness.Ok(sh);
        var shLines = sh.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(h.EphemeralDirectory + "/", shLines[0]);
        Assert.Equal(shLines[0] + "/bin/python", shLines[1]);

        var missing = h.Run("run", "--", "no-such-command-here");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no command 'no-such-command-here' in the environment or on PATH", missing.Stderr);
    }

    [SkippableFact]
    public void Python_chooses_the_interpreter_and_requires_python_rules_out_the_default()
    {
        using var h = new RunHarness();
        var newer = TestPythons.All.FirstOrDefault(p => p.Contains("/.pyenv/versions/3.12") || p.Contains("/.pyenv/versions/3.13"));
        Skip.If(newer is null, "no pyenv Python 3.12 or 3.13 here");
        var version = h.Script("version.py", "import sys\nprint('%d.%d' % sys.version_info[:2])\n");
        var wanted = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(newer))!)[..4];

        var explicitly = h.Run("run", "--python", newer!, version);
        RunHarness.Ok(explicitly);
        Assert.Equal(wanted, explicitly.Stdout.Trim());

        var byDefault = h.Run("run", version);
        RunHarness.Ok(byDefault);
        Assert.NotEqual(wanted, byDefault.Stdout.Trim());

        var required = h.Script("required.py", $"# /// script\n# requires-python = \">={byDefault.Stdout.Trim()[..2]}{int.Parse(byDefault.Stdout.Trim()[2..]) + 1}\"\n# ///\nimport sys\nprint('%d.%d' % sys.version_info[:2])\n");
        var r = h.Run("run", required);
        RunHarness.Ok(r);
        Assert.True(Version.Parse(r.Stdout.Trim()) > Version.Parse(byDefault.Stdout.Trim()), r.Stdout);
        Assert.Equal(3, h.Links().Count); // one environment per interpreter
    }

    [SkippableFact]
    public void A_shebang_line_runs_the_script_through_envtool_on_PATH()
    {
        using var h = new RunHarness();
        var wheel = h.Wheel("greet");
        var script = h.Script("tool.py", "#!/usr/bin/env -S envtool run\n" + Block($"greet @ {RunHarness.FileUrl(wheel)}") + "import greet, sys\nprint(greet.greet(), sys.argv[1:])\nsys.exit(4)\n");
        File.SetUnixFileMode(script, (UnixFileMode)Convert.ToInt32("755", 8));
        var psi = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = h.Work };
        psi.ArgumentList.Add("--flag");
        foreach (var (k, v) in h.Variables(Path.GetDirectoryName(EnvToolProcess.Executable)))
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 4, $"exit {p.ExitCode}: {stderr.Result}");
        Assert.Equal("hello from greet 1.0 ['--flag']", stdout.Result.Trim());
    }

    [SkippableFact]
    public void A_temp_directory_that_is_not_private_is_refused()
    {
        using var h = new RunHarness();
        var script = h.Script("hello.py", "print('hello')\n");

        Directory.CreateDirectory(h.EphemeralDirectory);
        File.SetUnixFileMode(h.EphemeralDirectory, (UnixFileMode)Convert.ToInt32("755", 8));
        var loose = h.Run("run", script);
        Assert.Equal(1, loose.ExitCode);
        Assert.Contains($"refusing to use '{h.EphemeralDirectory}': it has mode 755", loose.Stderr);
        Assert.Equal("", loose.Stdout);

        Directory.Delete(h.EphemeralDirectory);
        var elsewhere = h.Sub("elsewhere");
        Directory.CreateDirectory(elsewhere, (UnixFileMode)Convert.ToInt32("700", 8));
        File.CreateSymbolicLink(h.EphemeralDirectory, elsewhere);
        var link = h.Run("run", script);
        Assert.Equal(1, link.ExitCode);
        Assert.Contains("it is a symbolic link", link.Stderr);

        File.Delete(h.EphemeralDirectory);
        Skip.If(EnvTool.Store.Native.CurrentUser.Id != 0, "giving the directory to another user needs root");
        Directory.CreateDirectory(h.EphemeralDirectory, (UnixFileMode)Convert.ToInt32("700", 8));
        using (var chown = Process.Start("chown", ["65534", h.EphemeralDirectory])) chown.WaitForExit();
        var foreign = h.Run("run", script);
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("is owned by user 65534", foreign.Stderr);
    }

    internal static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
