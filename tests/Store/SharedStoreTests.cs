using System.Diagnostics;
using System.Globalization;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;

namespace EnvTool.Tests.Store;

/// <summary>
/// One store used by several real users (separate uids via setpriv, set up as the README's recipe
/// says): a setgid group directory and umask 002. Each user imports and builds, they share trees,
/// any member's gc removes what nobody uses and sets aside the read-only directories other users
/// made (only their owner or root may remove those), and someone outside the group gets one line.
/// </summary>
public sealed class SharedStoreTests : IDisposable
{
    private const int Group = 50400;
    private const int Alice = 50401;
    private const int Bob = 50402;
    private const int Stranger = 50403;
    private readonly TempDir _temp = new("envtool-shared");

    private string Store => _temp.Sub("store");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Group_members_share_one_store_and_any_of_them_collects_garbage()
    {
        RequireOtherUsers();
        var wheels = Wheels();
        var alice = _temp.Sub("alice-env");
        var bob = _temp.Sub("bob-env");

        Ok(As(Alice, "create", alice, wheels.Greet, "--python", "/usr/bin/python3", "--no-compile"));
        // What Alice made for everyone is the group's: the catalog, its WAL files, the locks and the
        // store's directories are group-writable, and directories keep the setgid group.
        foreach (var file in new[] { "catalog.db", "catalog.db-wal", "catalog.db-shm", "locks/roots.lock" })
            AssertMode(file, Octal("664"), Octal("777"));
        foreach (var dir in new[] { "objects", "entries", "trees", "tmp", "locks", ShardOf("objects") })
            AssertMode(dir, Octal("2775"), Octal("7777"));
        // What she published is read-only for everyone, Alice included.
        var tree = File.ResolveLinkTarget(alice, false)!.FullName;
        Assert.Equal(Octal("555"), Mode(tree) & Octal("777"));
        var entry = Directory.GetDirectories(Path.Combine(Store, "entries")).Single();
        Assert.Equal(Octal("555"), Mode(entry) & Octal("777"));
        Assert.All(Directory.GetFiles(entry, "*", SearchOption.AllDirectories), f => Assert.Equal(Octal("444"), Mode(f) & Octal("777")));
        Assert.Equal(Alice, (int)Owner(tree));

        var bobCreate = As(Bob, "create", bob, wheels.Greet, "--python", "/usr/bin/python3", "--no-compile");
        Ok(bobCreate);
        Assert.Equal(tree, File.ResolveLinkTarget(bob, false)!.FullName); // one tree for both
        Assert.DoesNotContain("warning", bobCreate.Stderr); // sealing without the immutable flag is silent
        Ok(As(Bob, "install", "--env", bob, wheels.Extra));
        Assert.Equal("1.0", RunAs(Bob, Path.Combine(bob, "bin", "python"), "-c", "import greet, extra; print(greet.VERSION)"));

        // Someone outside the group may read the store but not change it, and is told so in one line.
        var stranger = As(Stranger, "store", "add", wheels.Extra);
        Assert.NotEqual(0, stranger.ExitCode);
        var denied = Assert.Single(StoreCli.Errors(stranger));
        Assert.Contains("permission denied", denied);
        Assert.Contains(Store, denied);
        Assert.DoesNotContain("   at ", stranger.Stderr);
        var strangerEnv = _temp.Sub("stranger-env");
        var strangerCreate = As(Stranger, "create", strangerEnv, wheels.Greet, "--python", "/usr/bin/python3", "--no-compile");
        Assert.NotEqual(0, strangerCreate.ExitCode);
        Assert.Matches($"^error: permission denied: .*{Store}/", Assert.Single(StoreCli.Errors(strangerCreate)));
        Assert.False(Path.Exists(strangerEnv));

        // Alice's environment goes; Bob keeps only his newest generation. The tree they shared is
        // now garbage, and it is Alice's: Bob's gc sets it aside and says who can remove it.
        File.Delete(alice);
        var bobGc = As(Bob, "store", "gc", "--grace", "0s", "--keep-generations", "1");
        Ok(bobGc);
        Assert.False(Directory.Exists(tree));
        var aside = Assert.Single(Directory.GetDirectories(Path.Combine(Store, "trees"), ".trash-*"));
        Assert.Equal(Alice, (int)Owner(aside));
        Assert.Contains("only their owners or root may remove them", bobGc.Stdout + bobGc.Stderr);
        Ok(As(Bob, "store", "verify", "--full"));
        Assert.Equal("1.0", RunAs(Bob, Path.Combine(bob, "bin", "python"), "-c", "import greet, extra; print(greet.VERSION)"));

        // The tree's name is free: Alice makes the same environment again, a fresh tree under the old key.
        Ok(As(Alice, "create", alice, wheels.Greet, "--python", "/usr/bin/python3", "--no-compile"));
        Assert.Equal(tree, File.ResolveLinkTarget(alice, false)!.FullName);
        Assert.Equal("1.0", RunAs(Alice, Path.Combine(alice, "bin", "python"), "-c", "import greet; print(greet.VERSION)"));

        // Alice's own gc removes what was set aside for her.
        var aliceGc = As(Alice, "store", "gc", "--grace", "0s");
        Ok(aliceGc);
        Assert.Empty(Directory.GetDirectories(Path.Combine(Store, "trees"), ".trash-*"));
        Assert.DoesNotContain("only their owners", aliceGc.Stdout + aliceGc.Stderr);

        // With every environment gone, one member's gc empties the store of what anyone made
        // (setting aside what it may not remove), and root's gc removes the rest.
        File.Delete(alice);
        File.Delete(bob);
        Ok(As(Bob, "store", "gc", "--grace", "0s"));
        Assert.All(Directory.GetDirectories(Path.Combine(Store, "trees")), d => Assert.StartsWith(".trash-", Path.GetFileName(d), StringComparison.Ordinal));
        Ok(As(Alice, "store", "verify", "--full"));
        StoreCli.Ok(Store, "store", "gc", "--grace", "0s");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Store, "trees")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Store, "entries")));
        StoreCli.Ok(Store, "store", "verify", "--full");
    }

    [SkippableFact]
    public void A_lock_file_another_user_left_read_only_still_locks()
    {
        // A member whose umask kept the group from writing a lock file must not lock the others out:
        // a local flock needs only a read-only descriptor.
        RequireOtherUsers();
        var wheels = Wheels();
        Ok(As(Alice, "store", "add", wheels.Greet));
        foreach (var name in new[] { "gc.lock", "roots.lock" })
        {
            var path = Path.Combine(Store, "locks", name);
            File.Delete(path);
            File.WriteAllText(path, "");
            File.SetUnixFileMode(path, (UnixFileMode)Octal("644")); // root's, read-only for the group
        }
        Ok(As(Bob, "store", "add", wheels.Extra));
        Ok(As(Bob, "store", "gc", "--grace", "0s"));
        Assert.All(Directory.GetDirectories(Path.Combine(Store, "entries")), d => Assert.StartsWith(".trash-", Path.GetFileName(d), StringComparison.Ordinal));
    }

    private (string Greet, string Extra) Wheels()
    {
        var wheels = _temp.Sub("wheels");
        var greet = new WheelBuilder("greet", "1.0").File("greet/__init__.py", "VERSION = '1.0'\n").WriteTo(wheels);
        var extra = new WheelBuilder("extra", "2.0").File("extra/__init__.py", "").WriteTo(wheels);
        foreach (var f in Directory.GetFiles(wheels)) File.SetUnixFileMode(f, (UnixFileMode)Octal("644"));
        File.SetUnixFileMode(wheels, (UnixFileMode)Octal("755"));
        return (greet, extra);
    }

    /// <summary>The README's recipe: a store directory of the group, setgid, group-writable; users of umask 002.</summary>
    private void RequireOtherUsers()
    {
        Skip.IfNot(Environment.UserName == "root" && EnvTool.Store.Native.CurrentUser.Id == 0, "needs root to run envtool as other users");
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "needs setpriv (util-linux)");
        // Debian's Python, which every user may run (pyenv's live under /root, 0700 here).
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs a Python every user can run (/usr/bin/python3)");
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)Octal("1777"));
        var probe = As(Stranger, "--version");
        Skip.IfNot(probe.ExitCode == 0, "the test build of envtool is not readable by other users here: " + probe.Stderr.Trim());
        Directory.CreateDirectory(Store);
        Run("chgrp", Group.ToString(CultureInfo.InvariantCulture), Store);
        File.SetUnixFileMode(Store, (UnixFileMode)Octal("2775"));
    }

    private EnvToolProcess.Result As(int uid, params string[] args) => RunAsUser(uid, EnvToolProcess.Executable, args);

    private string RunAs(int uid, string program, params string[] args)
    {
        var result = RunAsUser(uid, program, args);
        Ok(result);
        return result.Stdout.Trim();
    }

    private EnvToolProcess.Result RunAsUser(int uid, string program, string[] args)
    {
        var member = uid != Stranger;
        var psi = EnvToolProcess.StartInfo([]);
        psi.FileName = "setpriv";
        string[] command = [$"--reuid={uid}", $"--regid={(member ? Group : Stranger)}", member ? $"--groups={Group}" : "--clear-groups",
            "/bin/sh", "-c", "umask 002; exec \"$0\" \"$@\"", program, .. args];
        foreach (var a in command) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = _temp.Path;
        psi.Environment["HOME"] = _temp.Sub("home" + uid);
        psi.Environment["ENVTOOL_STORE"] = Store;
        psi.Environment.Remove("ENVTOOL_CACHE_DIR");
        psi.Environment.Remove("VIRTUAL_ENV");
        psi.Environment.Remove("ENVTOOL_STORE_RO");
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new EnvToolProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void Ok(EnvToolProcess.Result result) =>
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");

    private string ShardOf(string dir) => Path.GetRelativePath(Store, Directory.GetDirectories(Path.Combine(Store, dir)).First());

    private void AssertMode(string relative, int expected, int mask)
    {
        var mode = Mode(Path.Combine(Store, relative)) & mask;
        Assert.True(mode == expected, $"{relative} has mode {Convert.ToString(mode, 8)}, not {Convert.ToString(expected, 8)}");
        Assert.Equal((uint)Group, EnvTool.Store.Native.FileStatus.Of(Path.Combine(Store, relative)).Gid);
    }

    private static int Octal(string digits) => Convert.ToInt32(digits, 8);

    private static int Mode(string path) => (int)EnvTool.Store.Native.FileStatus.Of(path).Permissions;

    private static uint Owner(string path) => EnvTool.Store.Native.FileStatus.Of(path).Uid;
}
