using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

/// <summary>A real full disk: a small tmpfs mounted for the test (needs root; skipped otherwise).</summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly SmallTmpfs _disk = new("size=1m");

    public void Dispose() => _disk.Dispose();

    [SkippableFact]
    public void A_full_disk_is_a_clear_error_and_leaves_the_store_as_it_was()
    {
        Skip.IfNot(_disk.Mounted, "cannot mount a small tmpfs here (not root?)");
        var root = Path.Combine(_disk.Path, "store");
        using var store = ContentStore.Open(root, new StoreOptions { RetainArtifacts = false });
        var small = new TestArtifact("small").Add("small.py", "fits\n");
        store.Import(small.Describe(_disk.Scratch, retain: false), small);
        var before = StoreSnapshot.Take(root);

        var random = new Random(42);
        var large = new TestArtifact("large").Add("a.py", "a\n");
        for (var i = 0; i < 4; i++)
        {
            var chunk = new byte[400_000];
            random.NextBytes(chunk);
            large.Add($"data{i}.bin", chunk);
        }

        var error = Assert.Throws<StoreDiskFullException>(() => store.Import(large.Describe(_disk.Scratch, retain: false), large));

        Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        before.AssertSameAs(StoreSnapshot.Take(root));

        // And the store still works once there is room.
        var next = new TestArtifact("next").Add("next.py", "still fine\n");
        Assert.Equal(1, store.Import(next.Describe(_disk.Scratch, retain: false), next).FileCount);
    }
}
