using System.Diagnostics;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;

namespace EnvTool.Tests.Store;

/// <summary>
/// One store used by several real users (separate uids via setpriv, as the README's recipe sets
/// up): a setgid group directory and umask 002. Each user imports and builds; they share trees;
/// gc of another user's files is refused with a message saying to run it as root, and root's gc
/// cleans up.
/// </summary>
public sealed class SharedStoreTests : IDisposable
{
    private const int Group = 50400;
    private const int Alice = 50401;
    private const int Bob = 50402;
    private const int Stranger = 50403;
    private readonly TempDir _temp = new("envtool-shared");

    private string Store => Path.Combine(_temp.Path, "store");

    public void Dispose() => _temp.Dispose();

    private EnvToolProcess.Result As(int uid, params string[] args)
    {
        var groups = uid == Stranger ? "--clear-groups" : $"--groups={Group}";
        var gid = uid == Stranger ? Stranger : Group;
        var psi = EnvToolProcess.StartInfo([]);
        psi.FileName = "setpriv";
        psi.ArgumentList.Clear();
        string[] command = [$"--reuid={uid}", $"--regid={gid}", groups, "/bin/sh", "-c", "umask 002; exec \"$0\" \"$@\"", EnvToolProcess.Executable, .. args];
        foreach (var a in command)
            psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = Path.Combine(_temp.Path, "home" + uid);
        psi.Environment["ENVTOOL_STORE"] = Store;
        psi.Environment.Remove("ENVTOOL_CACHE_DIR");
        psi.Environment.Remove("VIRTUAL_ENV");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new EnvToolProcess.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Ok(EnvToolProcess.Result result) =>
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");

    private void RequireOtherUsers()
    {
        Skip.IfNot(Environment.UserName == "root", "needs root to run envtool as other users");
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "needs setpriv (util-linux)");
        Skip.IfNot(File.Exists("/usr/bin/python3"), "needs a Python every user can run (/usr/bin/python3)");
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)Convert.ToInt32("1777", 8));
        var probe = As(Stranger, "--version");
        Skip.IfNot(probe.ExitCode == 0, "the test build of envtool is not readable by other users here: " + probe.Stderr.Trim());
    }

    [SkippableFact]
    public void Group_members_share_one_store_and_only_root_collects_what_others_made()
    {
        RequireOtherUsers();
        Directory.CreateDirectory(Store);
        using (var chgrp = Process.Start("chgrp", [Group.ToString(System.Globalization.CultureInfo.InvariantCulture), Store])!)
        {
            chgrp.WaitForExit();
            Assert.Equal(0, chgrp.ExitCode);
        }
        File.SetUnixFileMode(Store, (UnixFileMode)Convert.ToInt32("2775", 8));
        var wheels = Path.Combine(_temp.Path, "wheels");
        var greet = new WheelBuilder("greet", "1.0").File("greet/__init__.py", "VERSION = '1.0'\n").WriteTo(wheels);
        var extra = new WheelBuilder("extra", "2.0").File("extra/__init__.py", "").WriteTo(wheels);
        foreach (var f in Directory.GetFiles(wheels)) File.SetUnixFileMode(f, (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(wheels, (UnixFileMode)Convert.ToInt32("755", 8));
        var alice = Path.Combine(_temp.Path, "alice-env");
        var bob = Path.Combine(_temp.Path, "bob-env");

        Ok(As(Alice, "create", alice, greet, "--python", "/usr/bin/python3", "--no-compile"));
        // What Alice made is the group's: the catalog, its journal files and the locks are group-writable.
        foreach (var file in new[] { "catalog.db", "catalog.db-wal", "catalog.db-shm", "locks/roots.lock" })
            Assert.True((File.GetUnixFileMode(Path.Combine(Store, file)) & UnixFileMode.GroupWrite) != 0, file + " is not group-writable");

        Ok(As(Bob, "create", bob, greet, "--python", "/usr/bin/python3", "--no-compile"));
        Assert.Equal(File.ResolveLinkTarget(alice, false)!.FullName, File.ResolveLinkTarget(bob, false)!.FullName); // one tree for both
        Ok(As(Bob, "install", "--env", bob, extra));
        var run = Process.Start(new ProcessStartInfo(Path.Combine(bob, "bin", "python"), ["-c", "import greet, extra; print(greet.VERSION)"]) { RedirectStandardOutput = true })!;
        Assert.Equal("1.0", run.StandardOutput.ReadToEnd().Trim());

        // Someone outside the group may read the store but not change it, and is told so in one line.
        var stranger = As(Stranger, "store", "add", extra);
        Assert.NotEqual(0, stranger.ExitCode);
        Assert.Contains("permission denied", Assert.Single(StoreCli.Errors(stranger)));

        // Bob cannot remove Alice's read-only directories; he is told gc is root's job.
        File.Delete(alice);
        File.Delete(bob);
        var bobGc = As(Bob, "store", "gc", "--grace", "0s");
        Assert.NotEqual(0, bobGc.ExitCode);
        var error = Assert.Single(StoreCli.Errors(bobGc));
        Assert.Contains("belongs to another user", error);
        Assert.Contains("run gc as root", bobGc.Stderr);

        // Root's gc removes everything no environment needs, debris included, and the store is clean.
        StoreCli.Ok(Store, "store", "gc", "--grace", "0s");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Store, "trees")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Store, "entries")));
        StoreCli.Ok(Store, "store", "verify", "--full");
    }
}
