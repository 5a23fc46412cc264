using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Store.Layout;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class ImportTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-store");
    private readonly ContentStore _store;

    public ImportTests()
    {
        _store = ContentStore.Open(_temp.Sub("store"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private string ObjectPath(byte[] bytes, bool executable = false) =>
        _store.Layout.ObjectPath(new ObjectRef(TestArtifact.Sha256(bytes), executable));

    private static byte[] Utf8(string s) => System.Text.Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Import_publishes_a_read_only_entry_whose_files_are_the_objects()
    {
        var artifact = new TestArtifact("demo")
            .Add("demo/__init__.py", "print('hi')\n")
            .Add("demo/sub/data.txt", "data")
            .Add("bin/tool", "#!/bin/sh\necho tool\n", executable: true);
        var descriptor = artifact.Describe(_temp.Path);

        var entry = _store.Import(descriptor, artifact);

        Assert.Equal(Path.Combine(_store.Root, "entries", descriptor.Sha256), entry.Path);
        Assert.Equal(3, entry.FileCount);
        Assert.Equal(artifact.Contents.Sum(f => (long)f.Bytes.Length), entry.Bytes);
        foreach (var (path, bytes, executable) in artifact.Contents)
        {
            var file = Path.Combine(entry.Path, path);
            Assert.Equal(bytes, File.ReadAllBytes(file));
            var status = Posix.Stat(file);
            Assert.Equal(executable ? 0b101_101_101u : 0b100_100_100u, status.Permissions);
            Assert.True(status.SameFileAs(Posix.Stat(ObjectPath(bytes, executable))), $"{path} is not a hard link to its object");
        }
        foreach (var dir in new[] { entry.Path, Path.Combine(entry.Path, "demo"), Path.Combine(entry.Path, "demo", "sub"), Path.Combine(entry.Path, "bin") })
            Assert.Equal(0b101_101_101u, Posix.Stat(dir).Permissions);
        Assert.Equal(entry, _store.FindEntry(descriptor.Sha256));
        Assert.Empty(Directory.GetFileSystemEntries(_store.Layout.TmpDir));
        // Only the store lock stays (see StoreLayout.RootsLockPath), with the owner lock of this open
        // handle (see OwnerLock); the artifact's lock went with the import.
        Assert.Equal([_store.Layout.RootsLockPath], Directory.GetFileSystemEntries(_store.Layout.LocksDir).Where(p => !Path.GetFileName(p).StartsWith(StoreLayout.OwnerLockPrefix, StringComparison.Ordinal)));
        _store.Dispose();
        Assert.Equal([_store.Layout.RootsLockPath], Directory.GetFileSystemEntries(_store.Layout.LocksDir));
    }

    [Fact]
    public void The_retained_artifact_is_kept_as_a_read_only_object()
    {
        var artifact = new TestArtifact("kept").Add("kept.py", "x = 1\n");
        var descriptor = artifact.Describe(_temp.Path);
        _store.Import(descriptor, artifact);

        var retained = _store.Layout.ObjectPath(new ObjectRef(descriptor.Sha256, false));
        Assert.Equal(File.ReadAllBytes(descriptor.RetainPath!), File.ReadAllBytes(retained));
        Assert.Equal(0b100_100_100u, Posix.Stat(retained).Permissions);
        Assert.True(Assert.Single(_store.ListArtifacts()).Retained);
    }

    [Fact]
    public void Retaining_can_be_switched_off()
    {
        using var store = ContentStore.Open(_temp.Sub("no-retain"), new StoreOptions { RetainArtifacts = false });
        var artifact = new TestArtifact("light").Add("light.py", "y = 2\n");
        var descriptor = artifact.Describe(_temp.Path);
        store.Import(descriptor, artifact);

        Assert.False(File.Exists(store.Layout.ObjectPath(new ObjectRef(descriptor.Sha256, false))));
        Assert.False(Assert.Single(store.ListArtifacts()).Retained);
    }

    [Fact]
    public void Identical_files_in_different_artifacts_share_one_object()
    {
        var shared = Utf8("# the same license text\n");
        var a = new TestArtifact("a").Add("a/LICENSE", shared).Add("a/a.py", "a = 1\n");
        var b = new TestArtifact("b").Add("b/LICENSE", shared).Add("b/b.py", "b = 1\n").Add("b/COPY", shared);
        var ea = _store.Import(a.Describe(_temp.Path, retain: false), a);
        var eb = _store.Import(b.Describe(_temp.Path, retain: false), b);

        var inode = Posix.Stat(ObjectPath(shared));
        Assert.True(inode.SameFileAs(Posix.Stat(Path.Combine(ea.Path, "a/LICENSE"))));
        Assert.True(inode.SameFileAs(Posix.Stat(Path.Combine(eb.Path, "b/LICENSE"))));
        Assert.True(inode.SameFileAs(Posix.Stat(Path.Combine(eb.Path, "b/COPY"))));
        Assert.Equal(4u, Posix.Stat(ObjectPath(shared)).LinkCount);
        Assert.Equal(1, CatalogQuery.Scalar(_store.Root, $"SELECT count(*) FROM objects WHERE sha256 = '{TestArtifact.Sha256(shared)}'"));

        var info = _store.Info();
        Assert.Equal(2, info.Artifacts);
        Assert.Equal(2, info.Entries);
        Assert.Equal(3, info.Objects);
        Assert.Equal(3L * shared.Length + 12, info.LogicalBytes);
        Assert.Equal(2L * shared.Length, info.DedupSavedBytes);
        Assert.Equal(info.LogicalBytes - info.DedupSavedBytes, info.PhysicalBytes);
    }

    [Fact]
    public void Same_bytes_with_and_without_the_executable_bit_are_two_objects()
    {
        var bytes = Utf8("#!/bin/sh\n");
        var artifact = new TestArtifact("modes").Add("plain", bytes).Add("run", bytes, executable: true);
        var entry = _store.Import(artifact.Describe(_temp.Path, retain: false), artifact);

        Assert.Equal(0b100_100_100u, Posix.Stat(Path.Combine(entry.Path, "plain")).Permissions);
        Assert.Equal(0b101_101_101u, Posix.Stat(Path.Combine(entry.Path, "run")).Permissions);
        Assert.False(Posix.Stat(ObjectPath(bytes)).SameFileAs(Posix.Stat(ObjectPath(bytes, executable: true))));
        Assert.EndsWith("x", ObjectPath(bytes, executable: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Importing_again_returns_the_entry_without_reading_the_source()
    {
        var artifact = new TestArtifact("again").Add("again.py", "z = 3\n").Add("again/b.py", "w = 4\n");
        var descriptor = artifact.Describe(_temp.Path);
        var first = _store.Import(descriptor, artifact);
        var before = StoreSnapshot.Take(_store.Root);
        Assert.Equal(1, artifact.Enumerations);
        Assert.Equal(2, artifact.Opens);

        var second = _store.Import(descriptor, artifact);

        Assert.Equal(first, second);
        Assert.Equal(1, artifact.Enumerations);
        Assert.Equal(2, artifact.Opens);
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
    }

    [Fact]
    public void A_file_whose_hash_differs_aborts_and_leaves_the_store_as_it_was()
    {
        var earlier = new TestArtifact("earlier").Add("shared.txt", "shared\n");
        _store.Import(earlier.Describe(_temp.Path), earlier);
        var before = StoreSnapshot.Take(_store.Root);

        var bad = new TestArtifact("bad").Add("shared.txt", "shared\n").Add("new.txt", "new\n").Add("evil.py", "import os\n").Add("later.txt", "later\n");
        bad.DeclaredSha256["evil.py"] = new string('0', 64);
        var descriptor = bad.Describe(_temp.Path);

        var error = Assert.Throws<ContentMismatchException>(() => _store.Import(descriptor, bad));

        Assert.Equal("evil.py", error.Path);
        Assert.Equal("sha256:" + new string('0', 64), error.Expected);
        Assert.Equal("sha256:" + TestArtifact.Sha256(Utf8("import os\n")), error.Actual);
        Assert.Contains("evil.py", error.Message, StringComparison.Ordinal);
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
        Assert.Null(_store.FindEntry(descriptor.Sha256));
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(100L)]
    public void A_file_whose_size_differs_aborts_and_leaves_the_store_as_it_was(long declared)
    {
        var before = StoreSnapshot.Take(_store.Root);
        var bad = new TestArtifact("sized").Add("ok.txt", "fine\n").Add("data.bin", new byte[10]);
        bad.DeclaredSize["data.bin"] = declared;
        bad.WithoutHash.Add("data.bin");

        var error = Assert.Throws<ContentMismatchException>(() => _store.Import(bad.Describe(_temp.Path), bad));

        Assert.Equal("data.bin", error.Path);
        Assert.Equal($"size:{declared}", error.Expected);
        Assert.Equal(declared < 10 ? $"size:>{declared}" : "size:10", error.Actual);
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
    }

    [Fact]
    public void A_retained_artifact_that_is_not_the_named_one_aborts_the_import()
    {
        var before = StoreSnapshot.Take(_store.Root);
        var artifact = new TestArtifact("swapped").Add("s.py", "s = 1\n");
        var descriptor = artifact.Describe(_temp.Path) with { Sha256 = new string('a', 64) };

        var error = Assert.Throws<ContentMismatchException>(() => _store.Import(descriptor, artifact));

        Assert.Equal(descriptor.FileName, error.Path);
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
    }

    [Theory]
    [InlineData("../escape.py", "'.' or '..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("a//b.py", "empty path segment")]
    [InlineData("a/./b.py", "'.' or '..'")]
    public void Paths_that_could_escape_the_entry_are_refused(string path, string problem)
    {
        var before = StoreSnapshot.Take(_store.Root);
        var artifact = new TestArtifact("escape").Add("fine.py", "ok\n").Add(path, "bad\n");

        var error = Assert.Throws<InvalidArtifactException>(() => _store.Import(artifact.Describe(_temp.Path), artifact));

        Assert.Equal(path, error.Path);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
    }

    [Fact]
    public void Duplicate_paths_and_file_directory_clashes_are_refused()
    {
        var twice = new TestArtifact("twice").Add("a.py", "1").Add("a.py", "2");
        Assert.Contains("appears twice", Assert.Throws<InvalidArtifactException>(() => _store.Import(twice.Describe(_temp.Path), twice)).Message, StringComparison.Ordinal);

        var clash = new TestArtifact("clash").Add("pkg", "file").Add("pkg/mod.py", "x");
        Assert.Contains("both a file and a directory", Assert.Throws<InvalidArtifactException>(() => _store.Import(clash.Describe(_temp.Path), clash)).Message, StringComparison.Ordinal);

        var clash2 = new TestArtifact("clash2").Add("pkg/mod.py", "x").Add("pkg", "file");
        Assert.Throws<InvalidArtifactException>(() => _store.Import(clash2.Describe(_temp.Path), clash2));
    }

    [Fact]
    public void Limits_on_files_and_bytes_are_enforced_before_writing_past_them()
    {
        using var store = ContentStore.Open(_temp.Sub("limited"), new StoreOptions { MaxFiles = 2, MaxUnpackedBytes = 100 });
        var before = StoreSnapshot.Take(store.Root);

        var many = new TestArtifact("many").Add("1", "a").Add("2", "b").Add("3", "c");
        var files = Assert.Throws<StoreLimitException>(() => store.Import(many.Describe(_temp.Path), many));
        Assert.Equal(2, files.Limit);

        var big = new TestArtifact("big").Add("small", new byte[60]).Add("large", new byte[60]);
        var bytes = Assert.Throws<StoreLimitException>(() => store.Import(big.Describe(_temp.Path), big));
        Assert.Equal(100, bytes.Limit);
        Assert.Equal(1, big.Opens); // the second file was never read

        before.AssertSameAs(StoreSnapshot.Take(store.Root));
    }

    [Fact]
    public void An_artifact_with_no_files_gets_an_empty_entry()
    {
        var empty = new TestArtifact("empty");
        var entry = _store.Import(empty.Describe(_temp.Path), empty);
        Assert.Equal(0, entry.FileCount);
        Assert.Empty(Directory.GetFileSystemEntries(entry.Path));
    }

    [Fact]
    public void An_uncatalogued_entry_directory_is_debris_and_is_replaced()
    {
        var artifact = new TestArtifact("debris").Add("real.py", "real\n");
        var descriptor = artifact.Describe(_temp.Path);
        var stale = _store.Layout.EntryDir(descriptor.Sha256);
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "half-written.py"), "garbage");
        Assert.Null(_store.FindEntry(descriptor.Sha256));

        var entry = _store.Import(descriptor, artifact);

        Assert.Equal(["real.py"], Directory.GetFileSystemEntries(entry.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ListArtifacts_reports_what_was_imported()
    {
        var artifact = new TestArtifact("listed", "2.5").Add("l.py", "l\n");
        var descriptor = artifact.Describe(_temp.Path);
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        _store.Import(descriptor, artifact);

        var record = Assert.Single(_store.ListArtifacts());
        Assert.Equal(descriptor.Sha256, record.Sha256);
        Assert.Equal("listed", record.Name);
        Assert.Equal("2.5", record.Version);
        Assert.Equal(descriptor.FileName, record.FileName);
        Assert.Equal(descriptor.Size, record.Size);
        Assert.Equal(["py3", "none", "any"], record.Labels);
        Assert.True(record.HasEntry);
        Assert.True(record.ImportedAt >= started);
        Assert.True(record.LastUsedAt >= record.ImportedAt);
    }

    [Fact]
    public void A_malformed_artifact_digest_is_a_programming_error()
    {
        var artifact = new TestArtifact("upper").Add("u.py", "u\n");
        var descriptor = artifact.Describe(_temp.Path) with { Sha256 = new string('A', 64) };
        Assert.Throws<ArgumentException>(() => _store.Import(descriptor, artifact));
    }

    [Fact]
    public void Cancellation_before_publishing_leaves_the_store_as_it_was()
    {
        var before = StoreSnapshot.Take(_store.Root);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var artifact = new TestArtifact("cancel").Add("c.py", "c\n");
        Assert.ThrowsAny<OperationCanceledException>(() => _store.Import(artifact.Describe(_temp.Path), artifact, cts.Token));
        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
    }
}
