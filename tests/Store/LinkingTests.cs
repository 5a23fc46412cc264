using EnvTool.Store;
using EnvTool.Store.Linking;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;
using EnvTool.Store.Verify;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class LinkingTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-links");

    public void Dispose() => _temp.Dispose();

    /// <summary>Real link(2), except where <see cref="Fault"/> injects a failure (fault injection, not a fake file system).</summary>
    private sealed class FaultyLinks(Func<string, string, LinkStatus?> fault) : ILinkSystem
    {
        public LinkStatus Link(string existing, string newPath) => fault(existing, newPath) ?? PosixLinkSystem.Instance.Link(existing, newPath);
    }

    private static bool IsObject(string path) => path.Contains("/objects/", StringComparison.Ordinal);

    private static TestArtifact WithShared(string name, string shared) =>
        new TestArtifact(name).Add($"{name}/LICENSE", shared).Add($"{name}/own.py", $"name = '{name}'\n");

    [Fact]
    public void At_the_link_limit_the_object_gets_a_fresh_copy_that_further_links_use()
    {
        // A file system whose link limit is 3: link() fails with EMLINK once the source has 3 names.
        var links = new FaultyLinks((existing, _) => Posix.Stat(existing).LinkCount >= 3 ? LinkStatus.TooManyLinks : null);
        using var store = ContentStore.Open(_temp.Sub("store"), new StoreOptions { Links = links, RetainArtifacts = false });
        const string shared = "shared license\n";
        var sha = TestArtifact.Sha256(System.Text.Encoding.UTF8.GetBytes(shared));
        string Obj(int copy) => store.Layout.ObjectPath(new ObjectRef(sha, false, copy));

        var entries = new[] { "a", "b", "c", "d", "e" }.Select(n =>
        {
            var artifact = WithShared(n, shared);
            return store.Import(artifact.Describe(_temp.Path, retain: false), artifact).Path;
        }).ToList();
        Ino(0, "a"); Ino(0, "b"); Ino(1, "c"); Ino(1, "d"); Ino(2, "e");

        void Ino(int copy, string name)
        {
            var file = Path.Combine(entries[name[0] - 'a'], name, "LICENSE");
            Assert.True(Posix.Stat(file).SameFileAs(Posix.Stat(Obj(copy))), $"{name}/LICENSE should be a link to copy {copy}");
            Assert.Equal(shared, File.ReadAllText(file));
        }
        Assert.Equal(0b100_100_100u, Posix.Stat(Obj(2)).Permissions);
        Assert.Equal(3, CatalogQuery.Scalar(store.Root, $"SELECT count(*) FROM objects WHERE sha256 = '{sha}'"));
        Assert.Equal(1, CatalogQuery.Scalar(store.Root,
            $"SELECT count(*) FROM entry_files f JOIN objects o ON o.id = f.object_id WHERE o.sha256 = '{sha}' AND o.copy = 2 AND f.linked = 1"));
        Assert.True(store.Verify(new VerifyOptions { Full = true, OrphanGrace = TimeSpan.Zero }).IsClean);
    }

    [Theory]
    [InlineData(LinkStatus.CrossDevice)]
    [InlineData(LinkStatus.NotPermitted)]
    public void When_the_file_system_refuses_a_link_that_one_file_is_a_copy(LinkStatus refusal)
    {
        var links = new FaultyLinks((existing, _) => IsObject(existing) ? refusal : null);
        using var store = ContentStore.Open(_temp.Sub("store"), new StoreOptions { Links = links, RetainArtifacts = false });
        const string shared = "copied license\n";
        var first = WithShared("first", shared);
        var second = WithShared("second", shared);
        store.Import(first.Describe(_temp.Path, retain: false), first);
        var entry = store.Import(second.Describe(_temp.Path, retain: false), second);

        var file = Path.Combine(entry.Path, "second", "LICENSE");
        var obj = store.Layout.ObjectPath(new ObjectRef(TestArtifact.Sha256(System.Text.Encoding.UTF8.GetBytes(shared)), false));
        Assert.False(Posix.Stat(file).SameFileAs(Posix.Stat(obj)));
        Assert.Equal(shared, File.ReadAllText(file));
        Assert.Equal(0b100_100_100u, Posix.Stat(file).Permissions);
        Assert.Equal(1, CatalogQuery.Scalar(store.Root, "SELECT count(*) FROM entry_files WHERE linked = 0"));
        var info = store.Info();
        Assert.Equal(2L * shared.Length + "name = 'first'\n".Length + "name = 'second'\n".Length, info.PhysicalBytes); // the object and its copy
        Assert.Equal(0, info.DedupSavedBytes);
        Assert.True(store.Verify(new VerifyOptions { Full = true, OrphanGrace = TimeSpan.Zero }).IsClean);
    }

    [Fact]
    public void Links_that_come_out_as_copies_are_recorded_as_copies_and_warned_about_once()
    {
        // What an overlayfs lower layer does: link() "succeeds" but the new name is a new inode.
        var links = new FaultyLinks((existing, newPath) =>
        {
            if (!IsObject(existing)) return null;
            File.Copy(existing, newPath);
            return LinkStatus.Linked;
        });
        using var store = ContentStore.Open(_temp.Sub("store"), new StoreOptions { Links = links, RetainArtifacts = false });
        const string shared = "overlay\n";
        var entries = new[] { "one", "two", "three" }.Select(n =>
        {
            var artifact = WithShared(n, shared);
            return store.Import(artifact.Describe(_temp.Path, retain: false), artifact);
        }).ToList();

        Assert.Empty(entries[0].Warnings); // first sight of the bytes: the staged file became the object
        Assert.Contains("overlayfs", Assert.Single(entries[1].Warnings), StringComparison.Ordinal);
        Assert.Empty(entries[2].Warnings);
        Assert.Equal(2, CatalogQuery.Scalar(store.Root, "SELECT count(*) FROM entry_files WHERE linked = 0"));
        Assert.True(store.Verify(new VerifyOptions { Full = true, OrphanGrace = TimeSpan.Zero }).IsClean);
    }

    [SkippableFact]
    public void The_real_link_limit_of_the_file_system_is_handled()
    {
        using var store = ContentStore.Open(_temp.Sub("store"), new StoreOptions { RetainArtifacts = false });
        const string shared = "linked to the limit\n";
        var first = WithShared("first", shared);
        store.Import(first.Describe(_temp.Path, retain: false), first);
        var obj = store.Layout.ObjectPath(new ObjectRef(TestArtifact.Sha256(System.Text.Encoding.UTF8.GetBytes(shared)), false));

        // Fill the object's inode up to the file system's maximum (65000 on ext4) with plain links.
        var filler = _temp.Sub("filler");
        Directory.CreateDirectory(filler);
        var limitReached = false;
        for (var i = 0; i < 200_000 && !limitReached; i++)
        {
            var errno = Posix.TryLink(obj, Path.Combine(filler, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (errno == Errno.EMLINK) limitReached = true;
            else Assert.Equal(0, errno);
        }
        Skip.IfNot(limitReached, "this file system has no hard-link limit below 200000");

        var second = WithShared("second", shared);
        var entry = store.Import(second.Describe(_temp.Path, retain: false), second);

        var file = Path.Combine(entry.Path, "second", "LICENSE");
        Assert.True(Posix.Stat(file).SameFileAs(Posix.Stat(obj + ".1")));
        Assert.Equal(shared, File.ReadAllText(file));
        Directory.Delete(filler, recursive: true);
    }
}
