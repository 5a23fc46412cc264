using System.Diagnostics;
using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

/// <summary>A real full disk: a small tmpfs mounted for the test (needs root; skipped otherwise).</summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-diskfull");
    private readonly string _mount;
    private readonly bool _mounted;

    public DiskFullTests()
    {
        _mount = _temp.Sub("small");
        Directory.CreateDirectory(_mount);
        _mounted = Run("mount", "-t", "tmpfs", "-o", "size=1m", "envtool-test", _mount) == 0;
    }

    public void Dispose()
    {
        if (_mounted) Run("umount", "-l", _mount);
        _temp.Dispose();
    }

    private static int Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    [SkippableFact]
    public void A_full_disk_is_a_clear_error_and_leaves_the_store_as_it_was()
    {
        Skip.IfNot(_mounted, "cannot mount a small tmpfs here (not root?)");
        var root = Path.Combine(_mount, "store");
        using var store = ContentStore.Open(root, new StoreOptions { RetainArtifacts = false });
        var small = new TestArtifact("small").Add("small.py", "fits\n");
        store.Import(small.Describe(_temp.Path, retain: false), small);
        var before = StoreSnapshot.Take(root);

        var random = new Random(42);
        var large = new TestArtifact("large").Add("a.py", "a\n");
        for (var i = 0; i < 4; i++)
        {
            var chunk = new byte[400_000];
            random.NextBytes(chunk);
            large.Add($"data{i}.bin", chunk);
        }

        var error = Assert.Throws<StoreDiskFullException>(() => store.Import(large.Describe(_temp.Path, retain: false), large));

        Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        before.AssertSameAs(StoreSnapshot.Take(root));

        // And the store still works once there is room.
        var next = new TestArtifact("next").Add("next.py", "still fine\n");
        Assert.Equal(1, store.Import(next.Describe(_temp.Path, retain: false), next).FileCount);
    }
}
