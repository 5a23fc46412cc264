using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class StagingSweepTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-sweep");

    public void Dispose() => _temp.Dispose();

    private static string MakeStaging(string root, string name, bool withLock = true)
    {
        var dir = Path.Combine(root, "tmp", name);
        Directory.CreateDirectory(Path.Combine(dir, "entry", "pkg"));
        File.WriteAllText(Path.Combine(dir, "entry", "pkg", "partial.py"), "half of a file");
        if (withLock) File.WriteAllText(Path.Combine(dir, ".owner.lock"), "");
        return dir;
    }

    /// <summary>
    /// A real child process holding the staging directory's owner flock (util-linux flock(1)). With -o
    /// only the flock process itself holds it, so once that process is reaped the lock is free.
    /// </summary>
    private static Process HoldLock(string lockFile)
    {
        var psi = new ProcessStartInfo("flock", ["-o", lockFile, "-c", "echo locked; exec sleep 300"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi)!;
        Assert.Equal("locked", process.StandardOutput.ReadLine());
        return process;
    }

    [Fact]
    public void Open_removes_staging_whose_owner_is_dead_and_keeps_a_live_one()
    {
        var root = _temp.Sub("store");
        using (ContentStore.Open(root)) { }
        var dead = MakeStaging(root, "dead");
        var live = MakeStaging(root, "live");
        using var holder = HoldLock(Path.Combine(live, ".owner.lock"));
        try
        {
            using (ContentStore.Open(root)) { }

            Assert.False(Directory.Exists(dead));
            Assert.True(File.Exists(Path.Combine(live, "entry", "pkg", "partial.py")));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        // The owner died (SIGKILL): the kernel dropped its flock, so the next open sweeps it.
        using (ContentStore.Open(root)) { }
        Assert.False(Directory.Exists(live));
    }

    [Fact]
    public void A_young_staging_directory_without_a_lock_file_is_left_alone_and_an_old_one_removed()
    {
        var root = _temp.Sub("store");
        using (ContentStore.Open(root)) { }
        var young = MakeStaging(root, "young", withLock: false);
        var old = MakeStaging(root, "old", withLock: false);
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        using (ContentStore.Open(root)) { }

        Assert.True(Directory.Exists(young));
        Assert.False(Directory.Exists(old));
    }

    [Fact]
    public void A_staging_directory_of_a_running_import_in_this_process_is_not_swept()
    {
        var root = _temp.Sub("store");
        using var store = ContentStore.Open(root);
        var artifact = new BlockingArtifact();
        var descriptor = new TestArtifact("blocking").Describe(_temp.Path, retain: false);
        var import = Task.Run(() => store.Import(descriptor, artifact));
        artifact.Reading.Wait();
        try
        {
            var staging = Assert.Single(Directory.GetDirectories(Path.Combine(root, "tmp")));
            using (ContentStore.Open(root)) { }
            Assert.True(Directory.Exists(staging));
        }
        finally
        {
            artifact.Release.Set();
        }
        Assert.ThrowsAny<Exception>(() => import.GetAwaiter().GetResult()); // the blocking file lies about its size
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(root, "tmp")));
    }

    /// <summary>A source whose only file blocks mid-read until released, holding an import in its staging phase.</summary>
    private sealed class BlockingArtifact : EnvTool.Store.Artifacts.IArtifactSource
    {
        public ManualResetEventSlim Reading { get; } = new();
        public ManualResetEventSlim Release { get; } = new();

        public IEnumerable<EnvTool.Store.Artifacts.ArtifactFile> Files()
        {
            yield return new EnvTool.Store.Artifacts.ArtifactFile("slow.bin", 10, null, false, () =>
            {
                Reading.Set();
                Release.Wait();
                return new MemoryStream([1, 2, 3]);
            });
        }
    }

    [Fact]
    public void Staging_directories_are_spread_over_the_file_system_where_it_can()
    {
        // chattr +T on tmp/: each staging directory (and the tree or entry built in it) starts in a
        // block group of its own instead of beside the inodes gc freed a moment ago.
        var root = _temp.Sub("spread");
        var artifact = new TestArtifact("spread").Add("spread.py", "x = 1\n");
        using (var store = ContentStore.Open(root))
            store.Import(artifact.Describe(_temp.Path), artifact);
        var tmp = Path.Combine(root, "tmp");
        var probe = Directory.CreateDirectory(_temp.Sub("probe-dir")).FullName;
        var supported = EnvTool.Store.Native.InodeFlags.TrySetTopDirectory(probe) == 0;
        Assert.Equal(supported, EnvTool.Store.Native.InodeFlags.IsTopDirectory(tmp));
    }
}
