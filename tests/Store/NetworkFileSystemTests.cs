using EnvTool.Store.Native;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;

namespace EnvTool.Tests.Store;

/// <summary>
/// A store on a file system the kernel serves through another process, as NFS, SMB or sshfs do: a
/// real FUSE mount (see <see cref="FuseMount"/>). The catalog must use a rollback journal there (WAL's
/// index is shared memory, which other machines cannot see), and a file system that refuses locks
/// must stop envtool with one line saying what to do. NFS itself cannot be mounted on the machines
/// this project is built on (no nfs client or server in their kernel); its mount options are tested
/// on mountinfo text below.
/// </summary>
public sealed class NetworkFileSystemTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-netfs");

    public void Dispose() => _temp.Dispose();

    private FuseMount Mount(bool refuseLocks)
    {
        Directory.CreateDirectory(_temp.Sub("backing"));
        Directory.CreateDirectory(_temp.Sub("mnt"));
        return FuseMount.Mount(_temp.Sub("backing"), _temp.Sub("mnt"), refuseLocks);
    }

    private (string Greet, string Colorize) Wheels()
    {
        var wheels = _temp.Sub("wheels");
        var colorize = new WheelBuilder("colorize", "2.0").File("colorize/__init__.py", "def bold(s):\n    return s\n").WriteTo(wheels);
        var greet = new WheelBuilder("greet", "1.0").File("greet/__init__.py", "from colorize import bold\nVERSION = bold('1.0')\n")
            .MetadataHeader("Requires-Dist: colorize").WriteTo(wheels);
        return (greet, colorize);
    }

    [SkippableFact]
    public void A_store_on_a_network_file_system_keeps_its_catalog_in_a_rollback_journal_and_works()
    {
        var (greet, colorize) = Wheels();
        using var mount = Mount(refuseLocks: false);
        Assert.True(FileSystemKind.IsNetwork(mount.Path));
        var store = Path.Combine(mount.Path, "store");
        var env = _temp.Sub("env");

        StoreCli.Ok(store, "create", env, greet, colorize, "--python", "/usr/bin/python3");
        var python = new System.Diagnostics.ProcessStartInfo(Path.Combine(env, "bin", "python"), ["-c", "import greet; print(greet.VERSION)"]) { RedirectStandardOutput = true };
        using (var run = System.Diagnostics.Process.Start(python)!)
        {
            Assert.Equal("1.0", run.StandardOutput.ReadToEnd().Trim());
            run.WaitForExit();
        }
        // Bytes 18 and 19 of an SQLite file: 1 = rollback journal (legacy), 2 = WAL.
        var header = new byte[20];
        using (var catalog = File.OpenRead(Path.Combine(store, "catalog.db"))) catalog.ReadExactly(header);
        Assert.Equal([1, 1], header[18..20]);
        Assert.False(File.Exists(Path.Combine(store, "catalog.db-wal")));
        Assert.False(File.Exists(Path.Combine(store, "catalog.db-shm")));
        StoreCli.Ok(store, "store", "verify", "--full");

        File.Delete(env);
        StoreCli.Ok(store, "store", "gc", "--grace", "0s");
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store, "entries")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store, "trees")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(store, "tmp"))); // no hidden names of files removed while open
        StoreCli.Ok(store, "store", "verify", "--full");
    }

    [SkippableFact]
    public void A_file_system_that_refuses_locks_stops_envtool_with_one_line_and_the_store_unchanged()
    {
        var (greet, colorize) = Wheels();
        var store = Path.Combine(_temp.Sub("mnt"), "store");
        using (Mount(refuseLocks: false)) StoreCli.Ok(store, "store", "add", greet);
        using var mount = Mount(refuseLocks: true);
        var before = Contents(store);

        foreach (var args in new[] { new[] { "store", "add", colorize }, ["create", _temp.Sub("env"), greet, colorize, "--python", "/usr/bin/python3"], ["store", "gc"] })
        {
            var refused = StoreCli.Run(store, args);
            Assert.Equal(1, refused.ExitCode);
            var error = Assert.Single(StoreCli.Errors(refused));
            Assert.Matches($"^error: cannot lock {store}/locks/[^ ]+\\.lock: the store's file system does not provide file locks", error);
            Assert.Contains("hint: mount it with locking", refused.Stderr);
            Assert.False(Path.Exists(_temp.Sub("env")));
            before.AssertSameAs(Contents(store));
        }
    }

    /// <summary>The store but its caches (cache/: what create remembers of local wheels before it locks anything).</summary>
    private static StoreSnapshot Contents(string store)
    {
        var all = StoreSnapshot.Take(store);
        return all with { Files = string.Join('\n', all.Files.Split('\n').Where(line => !line.StartsWith("cache", StringComparison.Ordinal))) };
    }

    [Fact]
    public void Network_file_systems_are_told_apart_by_their_statfs_magic()
    {
        foreach (var network in new long[] { 0x6969, 0xFF534D42, 0xFE534D42, 0x517B, 0x65735546, 0x01021997, 0x00C36400, 0x0BD00BD0, 0x47504653, 0x6B414653, 0x5346414F })
            Assert.True(FileSystemKind.IsNetworkType(network), $"0x{network:X} is a network file system");
        foreach (var local in new long[] { 0xEF53 /* ext4 */, 0x01021994 /* tmpfs */, 0x58465342 /* xfs */, 0x9123683E /* btrfs */, 0x794C7630 /* overlayfs */ })
            Assert.False(FileSystemKind.IsNetworkType(local), $"0x{local:X} is local");
        // The test machine's temp directory is local, and statfs answers for it.
        Assert.NotNull(FileSystemKind.TypeOf(_temp.Path));
        Assert.False(FileSystemKind.IsNetwork(_temp.Path));
        Assert.False(FileSystemKind.IsNetworkStore(_temp.Path));
    }

    [Fact]
    public void An_nfs_mount_whose_locks_stay_on_one_machine_is_recognized_from_mountinfo()
    {
        const string mountInfo = """
            22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
            41 22 0:52 / /mnt/locked rw,relatime shared:20 - nfs4 server:/export rw,vers=4.2,rsize=1048576,hard,proto=tcp,sec=sys,local_lock=none,addr=10.0.0.2
            42 22 0:53 / /mnt/nolock rw,relatime shared:21 - nfs server:/export rw,vers=3,hard,nolock,proto=tcp,local_lock=all,addr=10.0.0.2
            43 22 0:54 / /mnt/flock rw,relatime - nfs server:/other rw,vers=3,local_lock=flock,addr=10.0.0.2
            44 22 0:55 / /mnt/fuse rw,relatime - fuse.sshfs host:/ rw,user_id=0,group_id=0,local_lock=all
            """;
        static ulong Device(uint major, uint minor) => ((ulong)major << 32) | minor;
        Assert.Null(NfsMount.LocalFlockOption(mountInfo, Device(0, 52)));
        Assert.Equal("local_lock=all", NfsMount.LocalFlockOption(mountInfo, Device(0, 53)));
        Assert.Equal("local_lock=flock", NfsMount.LocalFlockOption(mountInfo, Device(0, 54)));
        Assert.Null(NfsMount.LocalFlockOption(mountInfo, Device(0, 55))); // not NFS
        Assert.Null(NfsMount.LocalFlockOption(mountInfo, Device(8, 1)));
        Assert.Null(NfsMount.LocalFlockOption(mountInfo, Device(0, 99))); // no such mount
        // This machine's own mountinfo: the temp directory is found and is not NFS.
        Assert.Null(NfsMount.LocalFlockOption(_temp.Path));
    }

    [Fact]
    public void The_refusal_messages_say_what_to_do()
    {
        var refused = EnvTool.Store.Errors.NoLocksException.Refused("/srv/store/locks/gc.lock");
        Assert.Equal("cannot lock /srv/store/locks/gc.lock: the store's file system does not provide file locks (ENOLCK)", refused.Message);
        Assert.StartsWith("mount it with locking", refused.Hint);
        Assert.Contains("local disk", refused.Hint);
        var local = EnvTool.Store.Errors.NoLocksException.LocalOnly("/srv/store", "local_lock=all");
        Assert.Equal("the store /srv/store is on an NFS mount whose file locks stay on this machine (local_lock=all): envtool elsewhere would not see them", local.Message);
        Assert.Equal(refused.Hint, local.Hint);
    }
}
