using System.IO.Compression;
using EnvTool.Store;
using EnvTool.Store.Artifacts;
using EnvTool.Store.Native;
using EnvTool.Store.Objects;
using EnvTool.Store.Verify;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public sealed class VerifyTests : IDisposable
{
    private readonly TempDir _temp = new("envtool-verify");
    private readonly ContentStore _store;

    public VerifyTests()
    {
        _store = ContentStore.Open(_temp.Sub("store"));
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    /// <summary>Reads a retained test artifact (a zip) back into a source, as the wheel layer does for wheels.</summary>
    private static IArtifactSource? ReopenZip(ArtifactRecord record, string path)
    {
        var artifact = new TestArtifact(record.Name, record.Version);
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            artifact.Add(entry.FullName, copy.ToArray());
        }
        return artifact;
    }

    private static readonly VerifyOptions Repair = new() { Repair = true, Reopen = ReopenZip, OrphanGrace = TimeSpan.Zero };

    private (ArtifactDescriptor Descriptor, string EntryPath) Import(string name, bool retain = true, params (string Path, string Text)[] files)
    {
        var artifact = new TestArtifact(name);
        foreach (var (path, text) in files) artifact.Add(path, text);
        var descriptor = artifact.Describe(_temp.Path, retain);
        return (descriptor, _store.Import(descriptor, artifact).Path);
    }

    private static void Overwrite(string path, string text)
    {
        // Simulates damage from outside: object files are read-only, so force it like a careless root would.
        Posix.Chmod(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, text);
        Posix.Chmod(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private string ObjectOf(string text) => _store.Layout.ObjectPath(new ObjectRef(TestArtifact.Sha256(System.Text.Encoding.UTF8.GetBytes(text)), false));

    [Fact]
    public void A_healthy_store_verifies_clean_and_then_skips_unchanged_objects()
    {
        Import("a", true, ("a.py", "a\n"), ("b.py", "b\n"));

        var first = _store.Verify(new VerifyOptions());
        Assert.True(first.IsClean, string.Join("\n", first.Problems));
        Assert.Equal(3, first.ObjectsChecked); // two files and the retained artifact
        Assert.Equal(3, first.ObjectsHashed);

        var second = _store.Verify(new VerifyOptions());
        Assert.True(second.IsClean);
        Assert.Equal(0, second.ObjectsHashed);

        var full = _store.Verify(new VerifyOptions { Full = true });
        Assert.True(full.IsClean);
        Assert.Equal(3, full.ObjectsHashed);
    }

    [Fact]
    public void A_modified_object_is_found_even_by_an_incremental_check_and_repair_rebuilds_the_entry()
    {
        var (descriptor, entry) = Import("mod", true, ("pkg/mod.py", "original\n"), ("pkg/other.py", "other\n"));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);

        Overwrite(ObjectOf("original\n"), "tampered\n");
        var report = _store.Verify(new VerifyOptions());

        Assert.Contains(report.Problems, p => p.Kind == VerifyProblemKind.CorruptObject && p.Path == ObjectOf("original\n"));
        Assert.Contains(report.Problems, p => p.Kind == VerifyProblemKind.EntryFileMismatch && p.Path == Path.Combine(entry, "pkg/mod.py"));
        Assert.All(report.Problems, p => Assert.False(p.Repaired));

        var repaired = _store.Verify(Repair);

        Assert.All(repaired.Problems, p => Assert.True(p.Repaired, p.ToString()));
        Assert.Equal([descriptor.Sha256], repaired.EntriesRebuilt);
        Assert.Equal("original\n", File.ReadAllText(Path.Combine(entry, "pkg/mod.py")));
        Assert.True(Posix.Stat(Path.Combine(entry, "pkg/mod.py")).SameFileAs(Posix.Stat(ObjectOf("original\n"))));
        Assert.NotNull(_store.FindEntry(descriptor.Sha256));
        Assert.True(_store.Verify(new VerifyOptions { Full = true }).IsClean);
    }

    [Fact]
    public void A_missing_entry_file_is_found_and_repair_rebuilds_the_entry()
    {
        var (descriptor, entry) = Import("gone", true, ("gone/a.py", "a\n"), ("gone/b.py", "b\n"));
        var victim = Path.Combine(entry, "gone/b.py");
        Posix.Chmod(Path.Combine(entry, "gone"), (UnixFileMode)0b111_101_101);
        File.Delete(victim);

        var report = _store.Verify(new VerifyOptions());
        var problem = Assert.Single(report.Problems);
        Assert.Equal(VerifyProblemKind.MissingEntryFile, problem.Kind);
        Assert.Equal(victim, problem.Path);

        var repaired = _store.Verify(Repair);
        Assert.True(Assert.Single(repaired.Problems).Repaired);
        Assert.Equal("b\n", File.ReadAllText(victim));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
        Assert.NotNull(_store.FindEntry(descriptor.Sha256));
    }

    [Fact]
    public void An_extra_file_in_an_entry_is_found_and_repaired()
    {
        var (_, entry) = Import("extra", true, ("extra.py", "e\n"));
        Posix.Chmod(entry, (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(entry, "injected.pth"), "import evil");

        var report = _store.Verify(new VerifyOptions());
        Assert.Equal(VerifyProblemKind.ExtraEntryFile, Assert.Single(report.Problems).Kind);

        _store.Verify(Repair);
        Assert.False(File.Exists(Path.Combine(entry, "injected.pth")));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
    }

    [Fact]
    public void Without_a_retained_artifact_a_damaged_entry_is_removed_not_rebuilt()
    {
        var (descriptor, entry) = Import("unretained", false, ("u.py", "u\n"));
        Overwrite(ObjectOf("u\n"), "changed\n");

        var repaired = _store.Verify(Repair);

        Assert.Empty(repaired.EntriesRebuilt);
        Assert.Contains(repaired.Problems, p => p.Kind == VerifyProblemKind.EntryFileMismatch && !p.Repaired && p.Detail.Contains("no retained artifact", StringComparison.Ordinal));
        Assert.Null(_store.FindEntry(descriptor.Sha256));
        Assert.False(Directory.Exists(entry));
        Assert.False(File.Exists(ObjectOf("u\n")));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
        Assert.False(Assert.Single(_store.ListArtifacts()).HasEntry);
    }

    [Fact]
    public void A_missing_object_is_restored_from_an_intact_entry_file()
    {
        var (_, entry) = Import("restore", true, ("r.py", "r\n"));
        File.Delete(ObjectOf("r\n"));

        var report = _store.Verify(new VerifyOptions());
        Assert.Equal(VerifyProblemKind.MissingObject, Assert.Single(report.Problems).Kind);

        var repaired = _store.Verify(Repair);
        Assert.True(Assert.Single(repaired.Problems).Repaired);
        Assert.Empty(repaired.EntriesRebuilt);
        Assert.True(Posix.Stat(Path.Combine(entry, "r.py")).SameFileAs(Posix.Stat(ObjectOf("r\n"))));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
    }

    [Fact]
    public void A_missing_entry_directory_is_found_and_rebuilt()
    {
        var (_, entry) = Import("vanished", true, ("v.py", "v\n"));
        EnvTool.Store.IO.DirectoryTree.Remove(entry);

        Assert.Equal(VerifyProblemKind.MissingEntryDirectory, Assert.Single(_store.Verify(new VerifyOptions()).Problems).Kind);
        _store.Verify(Repair);
        Assert.Equal("v\n", File.ReadAllText(Path.Combine(entry, "v.py")));
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
    }

    [Fact]
    public void An_object_that_lost_its_read_only_mode_is_reported_and_fixed()
    {
        Import("mode", true, ("m.py", "m\n"));
        Posix.Chmod(ObjectOf("m\n"), (UnixFileMode)0b110_100_100);

        Assert.Equal(VerifyProblemKind.WrongMode, Assert.Single(_store.Verify(new VerifyOptions()).Problems).Kind);
        _store.Verify(Repair);
        Assert.Equal(0b100_100_100u, Posix.Stat(ObjectOf("m\n")).Permissions);
        Assert.True(_store.Verify(new VerifyOptions()).IsClean);
    }

    [Fact]
    public void Orphan_entry_directories_objects_and_dead_staging_are_found_and_removed()
    {
        Import("kept", true, ("k.py", "k\n"));
        var orphanEntry = Path.Combine(_store.Layout.EntriesDir, new string('e', 64));
        Directory.CreateDirectory(Path.Combine(orphanEntry, "pkg"));
        File.WriteAllText(Path.Combine(orphanEntry, "pkg", "half.py"), "half");
        var orphanObject = _store.Layout.ObjectPath(new ObjectRef(new string('f', 64), false));
        Directory.CreateDirectory(Path.GetDirectoryName(orphanObject)!);
        File.WriteAllText(orphanObject, "nobody refers to me");
        var deadStaging = Path.Combine(_store.Layout.TmpDir, "dead-staging");
        Directory.CreateDirectory(deadStaging);
        File.WriteAllText(Path.Combine(deadStaging, ".owner.lock"), "");

        var report = _store.Verify(new VerifyOptions { OrphanGrace = TimeSpan.Zero });
        Assert.Equal(3, report.Problems.Count);
        Assert.Contains(report.Problems, p => p.Kind == VerifyProblemKind.OrphanEntryDirectory && p.Path == orphanEntry);
        Assert.Contains(report.Problems, p => p.Kind == VerifyProblemKind.OrphanObject && p.Path == orphanObject);
        Assert.Contains(report.Problems, p => p.Kind == VerifyProblemKind.StaleStaging && p.Path == deadStaging);

        // Young uncatalogued objects may belong to an import in flight: the default grace leaves them alone.
        Assert.DoesNotContain(_store.Verify(new VerifyOptions()).Problems, p => p.Kind == VerifyProblemKind.OrphanObject);

        var repaired = _store.Verify(Repair);
        Assert.All(repaired.Problems, p => Assert.True(p.Repaired, p.ToString()));
        Assert.False(Directory.Exists(orphanEntry));
        Assert.False(File.Exists(orphanObject));
        Assert.False(Directory.Exists(deadStaging));
        Assert.True(_store.Verify(new VerifyOptions { OrphanGrace = TimeSpan.Zero }).IsClean);
    }

    [Fact]
    public void When_the_retained_artifact_is_corrupt_too_the_entry_is_removed_and_the_artifact_no_longer_claims_it()
    {
        var (descriptor, entry) = Import("both", true, ("both.py", "both\n"));
        var retained = _store.Layout.ObjectPath(new ObjectRef(descriptor.Sha256, false));
        Overwrite(retained, "not a zip any more");
        Overwrite(ObjectOf("both\n"), "broken\n");

        var repaired = _store.Verify(Repair);

        Assert.Equal(2, repaired.Problems.Count(p => p.Kind == VerifyProblemKind.CorruptObject));
        Assert.Empty(repaired.EntriesRebuilt);
        Assert.False(Directory.Exists(entry));
        var artifact = Assert.Single(_store.ListArtifacts());
        Assert.False(artifact.Retained);
        Assert.False(artifact.HasEntry);
        Assert.True(_store.Verify(new VerifyOptions { Full = true }).IsClean);

        // Importing it again (the caller still has the file) brings the entry back.
        var again = new TestArtifact("both").Add("both.py", "both\n");
        var redo = _store.Import(descriptor, again);
        Assert.Equal("both\n", File.ReadAllText(Path.Combine(redo.Path, "both.py")));
    }

    [Fact]
    public void Verify_reports_progress_per_phase()
    {
        Import("progress", true, ("p.py", "p\n"));
        var phases = new List<string>();
        _store.Verify(new VerifyOptions(), new SynchronousProgress(p => { lock (phases) phases.Add(p.Phase); }));
        Assert.Contains("objects", phases);
        Assert.Contains("entries", phases);
        Assert.Contains("orphans", phases);
    }

    private sealed class SynchronousProgress(Action<VerifyProgress> report) : IProgress<VerifyProgress>
    {
        public void Report(VerifyProgress value) => report(value);
    }
}
