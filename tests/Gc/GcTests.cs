using EnvTool.Store.Gc;
using EnvTool.Store.Verify;
using EnvTool.Tests.Generations;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Gc;

/// <summary>The library on real environments: what gc removes, checked in the catalog AND on disk.</summary>
public sealed class GcTests : IDisposable
{
    private static readonly GcOptions Now = new() { Grace = TimeSpan.Zero };

    private readonly GcStore _store = new();

    public void Dispose() => _store.Dispose();

    private static string Sha(string wheel) => GcStore.Sha256Of(wheel);

    /// <summary>The object name of the one file called <paramref name="fileName"/> in the entry.</summary>
    private string ObjectOf(string wheel, string fileName)
    {
        var file = Directory.EnumerateFiles(Path.Combine(_store.Root, "entries", Sha(wheel)), fileName, SearchOption.AllDirectories).Single();
        var sha = GcStore.Sha256Of(file);
        return sha[..2] + "/" + sha[2..];
    }

    private void AssertCatalogMatchesDisk()
    {
        Assert.Equal(_store.Column("SELECT artifact_sha256 FROM entries"), _store.OnDisk("entries"));
        Assert.Equal(_store.Column("SELECT key FROM trees"), _store.OnDisk("trees"));
        Assert.Equal(_store.Column("SELECT substr(path, 10) FROM overlays"), _store.OnDisk("overlays"));
        Assert.Equal(_store.CataloguedObjects(), _store.ObjectFiles());
    }

    private void AssertVerifyClean()
    {
        using var store = _store.Open();
        var report = store.Verify(new VerifyOptions { Full = true });
        Assert.True(report.IsClean, string.Join("\n", report.Problems.Select(p => $"{p.Kind} {p.Path} {p.Detail}")));
    }

    [SkippableFact]
    public void Removing_an_environment_frees_exactly_its_unique_entries_trees_overlays_and_objects()
    {
        var alpha = _store.Wheel("alpha", padding: 4000);
        var beta = _store.Wheel("beta", padding: 50_000);
        var gamma = _store.Wheel("gamma", padding: 4000);
        var a = _store.Sub("a", ".venv");
        var b = _store.Sub("b", ".venv");
        var first = _store.Create(a, compile: true, alpha, beta);
        var second = _store.Create(b, compile: false, alpha, gamma);
        Assert.Equal(2, _store.Column("SELECT id FROM overlays").Count);
        var betaObject = ObjectOf(beta, "data_beta.txt");
        var alphaObject = ObjectOf(alpha, "data_alpha.txt");
        Assert.Contains(betaObject, _store.ObjectFiles());

        Assert.Empty(_store.Gc(Now).Items); // both environments are live: nothing to do
        File.Delete(a);
        var report = _store.Gc(Now);

        Assert.Equal([(GcItemKind.Environment, a, "the path is gone")],
            report.Items.Where(i => i.Kind == GcItemKind.Environment).Select(i => (i.Kind, i.Name, i.Detail)));
        Assert.Equal((1, 2, 1), (report.Count(GcItemKind.Tree), report.Count(GcItemKind.Overlay), report.Count(GcItemKind.Entry)));
        Assert.True(report.FreedBytes > 50_000, $"freed {report.FreedBytes}");

        Assert.Equal([b], _store.Column("SELECT path FROM environments"));
        Assert.Equal(new[] { Sha(alpha), Sha(gamma) }.Order(StringComparer.Ordinal), _store.Column("SELECT artifact_sha256 FROM entries"));
        Assert.Equal(new[] { Sha(alpha), Sha(gamma) }.Order(StringComparer.Ordinal), _store.Column("SELECT sha256 FROM artifacts"));
        Assert.Equal([second.Generation.TreeKey], _store.Column("SELECT key FROM trees"));
        Assert.DoesNotContain(first.Generation.TreeKey, _store.OnDisk("trees"));
        Assert.Empty(_store.Column("SELECT id FROM overlays"));
        Assert.DoesNotContain(betaObject, _store.ObjectFiles());
        Assert.Contains(alphaObject, _store.ObjectFiles());
        Assert.Empty(_store.Column("SELECT id FROM roots"));
        AssertCatalogMatchesDisk();
        AssertVerifyClean();
        Assert.Equal("1.0", Packages.ImportedVersion(b, "alpha"));
        Assert.Equal("1.0", Packages.ImportedVersion(b, "gamma"));

        Assert.Empty(_store.Gc(Now).Items); // a second pass finds nothing
    }

    [SkippableFact]
    public void Dry_run_lists_what_gc_removes_without_changing_a_byte()
    {
        var a = _store.Sub("a", ".venv");
        _store.Create(a, compile: true, _store.Wheel("alpha"), _store.Wheel("beta", padding: 10_000));
        _store.Create(_store.Sub("b", ".venv"), compile: false, _store.Wheel("gamma"));
        File.Delete(a);
        var before = StoreSnapshot.Take(_store.Root);

        var dry = _store.Gc(Now with { DryRun = true });

        before.AssertSameAs(StoreSnapshot.Take(_store.Root));
        Assert.True(dry.DryRun);
        Assert.Contains(dry.Items, i => i.Kind == GcItemKind.Environment && i.Name == a);
        Assert.Equal(2, dry.Count(GcItemKind.Entry));
        var real = _store.Gc(Now);
        Assert.Equal(dry.Items.Select(i => (i.Kind, i.Name)).Order(), real.Items.Select(i => (i.Kind, i.Name)).Order());
        Assert.Equal(dry.FreedBytes, real.FreedBytes);
        Assert.NotEqual(before.Files, StoreSnapshot.Take(_store.Root).Files);
        AssertCatalogMatchesDisk();
    }

    [SkippableFact]
    public void Keep_generations_and_older_than_prune_old_generations_but_never_the_current_one()
    {
        var env = _store.Sub("p", ".venv");
        var wheels = Enumerable.Range(1, 4).Select(v => _store.Wheel("alpha", $"{v}.0")).ToList();
        _store.Create(env, compile: false, wheels[0]);
        foreach (var wheel in wheels.Skip(1)) _store.Install(env, wheel);
        Assert.Equal(["1", "2", "3", "4"], _store.Column("SELECT number FROM generations"));

        var kept = _store.Gc(Now with { KeepGenerations = 2 });

        Assert.Equal(["3", "4"], _store.Column("SELECT number FROM generations"));
        Assert.Equal([$"{env} generation 1", $"{env} generation 2"],
            kept.Items.Where(i => i.Kind == GcItemKind.Generation).Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Sha(wheels[2]), Sha(wheels[3]) }.Order(StringComparer.Ordinal), _store.Column("SELECT artifact_sha256 FROM entries"));
        Assert.Equal(2, _store.OnDisk("trees").Count);
        Assert.Equal([""], _store.Column("SELECT coalesce(parent, '') FROM generations WHERE number = 3"));
        AssertCatalogMatchesDisk();

        // Every generation is old now; --older-than removes all but the current one.
        _store.Execute("UPDATE generations SET created_at = 0");
        var old = _store.Gc(Now with { OlderThan = TimeSpan.FromDays(30) });
        Assert.Equal(["4"], _store.Column("SELECT number FROM generations"));
        Assert.Equal(1, old.Count(GcItemKind.Generation));
        Assert.Equal([Sha(wheels[3])], _store.Column("SELECT artifact_sha256 FROM entries"));
        Assert.Equal("4.0", Packages.ImportedVersion(env, "alpha"));
        AssertCatalogMatchesDisk();
        AssertVerifyClean();

        // Once 4 is no longer current it goes; a young generation stays.
        _store.Install(env, _store.Wheel("alpha", "5.0"));
        _store.Install(env, _store.Wheel("alpha", "6.0"));
        Assert.Equal(1, _store.Gc(Now with { OlderThan = TimeSpan.FromDays(30) }).Count(GcItemKind.Generation));
        Assert.Equal(["5", "6"], _store.Column("SELECT number FROM generations"));
        Assert.Equal("6.0", Packages.ImportedVersion(env, "alpha"));
    }

    [SkippableFact]
    public void Max_size_evicts_least_recently_used_unreferenced_entries_and_never_rooted_ones()
    {
        var env = _store.Sub("r", ".venv");
        var rooted = _store.Wheel("rooted", padding: 100_000);
        _store.Create(env, compile: false, rooted);
        var spare = Enumerable.Range(0, 5).Select(i => _store.Wheel($"spare{i}", padding: 100_000)).ToList();
        using (var store = _store.Open())
        {
            var importer = new WheelImporter(store);
            foreach (var wheel in spare) importer.Import(wheel);
        }
        // spare0 was used longest ago, spare4 most recently; all are inside the (default) grace window.
        for (var i = 0; i < spare.Count; i++)
            _store.Execute($"UPDATE artifacts SET last_used_at = last_used_at - {(spare.Count - i) * 1000} WHERE sha256 = '{Sha(spare[i])}'");

        var plain = _store.Gc(new GcOptions());
        Assert.Equal(0, plain.Count(GcItemKind.Entry)); // the grace window keeps unreferenced entries
        long size;
        using (var store = _store.Open()) size = store.DiskUsage().StoreBytes;
        // What one spare entry takes: its files (each inode once) and its retained wheel.
        var perSpare = spare.Average(w => new FileInfo(w).Length + Directory.EnumerateFiles(Path.Combine(_store.Root, "entries", Sha(w)), "*", SearchOption.AllDirectories)
            .Sum(f => new FileInfo(f).Length));
        var limit = size - (long)(2.5 * perSpare); // evicting two is not enough, three is

        var report = _store.Gc(new GcOptions { MaxSize = limit });

        Assert.True(report.Fits);
        Assert.True(report.StoreBytesAfter <= limit, $"{report.StoreBytesAfter} > {limit}");
        using (var store = _store.Open()) Assert.True(store.DiskUsage().StoreBytes <= limit);
        Assert.Equal(spare.Take(3).Select(Sha).Order(StringComparer.Ordinal),
            report.Items.Where(i => i.Kind == GcItemKind.Entry).Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(report.Items.Where(i => i.Kind is GcItemKind.Entry or GcItemKind.Object), i => Assert.True(i.Evicted));
        Assert.Equal(new[] { rooted, spare[3], spare[4] }.Select(Sha).Order(StringComparer.Ordinal), _store.Column("SELECT artifact_sha256 FROM entries"));

        var tiny = _store.Gc(new GcOptions { MaxSize = 1 });
        Assert.False(tiny.Fits);
        Assert.Contains(tiny.Notes, n => n.Contains("cannot fit", StringComparison.Ordinal));
        Assert.Equal([Sha(rooted)], _store.Column("SELECT artifact_sha256 FROM entries"));
        Assert.Equal("1.0", Packages.ImportedVersion(env, "rooted"));
        AssertCatalogMatchesDisk();
        AssertVerifyClean();
    }

    [SkippableFact]
    public void A_live_operation_root_keeps_what_its_handle_imported_and_a_dead_one_is_dropped()
    {
        _store.Create(_store.Sub("e", ".venv"), compile: false, _store.Wheel("base"));
        var held = _store.Wheel("held");
        var orphan = _store.Wheel("orphan");
        var operation = _store.Open();
        try
        {
            new WheelImporter(operation).Import(held); // stays open: an operation in flight
            using (var other = _store.Open()) new WheelImporter(other).Import(orphan);
            // A root left by a process that is gone (its start time cannot match any process).
            using (var exited = System.Diagnostics.Process.Start("true")!)
            {
                exited.WaitForExit();
                _store.Execute($"INSERT INTO roots (kind, reference, pid, pid_started, created_at) VALUES ('operation', 'entry:{Sha(orphan)}', {exited.Id}, 1, 0)");
            }

            var report = _store.Gc(Now);

            Assert.Contains(Sha(held), _store.Column("SELECT artifact_sha256 FROM entries"));
            Assert.Contains(Sha(held), _store.OnDisk("entries"));
            Assert.DoesNotContain(Sha(orphan), _store.Column("SELECT artifact_sha256 FROM entries"));
            var dropped = Assert.Single(report.Items, i => i.Kind == GcItemKind.Root);
            Assert.Contains("is gone", dropped.Detail);
            Assert.Equal(["operation"], _store.Column("SELECT kind FROM roots"));
            Assert.Contains(report.Notes, n => n.Contains("other envtool processes", StringComparison.Ordinal));
        }
        finally
        {
            operation.Dispose();
        }
        Assert.Empty(_store.Column("SELECT id FROM roots"));
        var after = _store.Gc(Now);
        Assert.Contains(Sha(held), after.Items.Where(i => i.Kind == GcItemKind.Entry).Select(i => i.Name));
        Assert.DoesNotContain(Sha(held), _store.OnDisk("entries"));
        AssertCatalogMatchesDisk();
        AssertVerifyClean();
    }

    [SkippableFact]
    public void An_operation_root_lives_while_its_owner_lock_is_held_whatever_its_pid_says()
    {
        // The pid of a process on another machine sharing the store, or in another pid namespace,
        // means nothing here; gc asks the owner lock the row names (see OwnerLock).
        var remote = _store.Wheel("remote");
        var finished = _store.Wheel("finished");
        using (var store = _store.Open())
        {
            new WheelImporter(store).Import(remote);
            new WheelImporter(store).Import(finished);
        }
        var layout = new EnvTool.Store.Layout.StoreLayout(_store.Root);
        var remoteOwner = Guid.NewGuid().ToString("N");
        var held = EnvTool.Store.Locks.FileLock.Acquire(layout.OwnerLockPath(remoteOwner));
        try
        {
            // Alive, though no process here has its pid; dead, though this test process has its pid.
            _store.Execute($"INSERT INTO roots (kind, reference, pid, owner, created_at) VALUES ('operation', 'entry:{Sha(remote)}', 2147483000, '{remoteOwner}', 0)");
            _store.Execute($"INSERT INTO roots (kind, reference, pid, owner, created_at) VALUES ('operation', 'entry:{Sha(finished)}', {Environment.ProcessId}, '{Guid.NewGuid():N}', 0)");

            var report = _store.Gc(Now);

            Assert.Equal([Sha(remote)], _store.Column("SELECT artifact_sha256 FROM entries"));
            Assert.Equal([Sha(remote)], _store.OnDisk("entries"));
            Assert.Contains("is gone", Assert.Single(report.Items, i => i.Kind == GcItemKind.Root).Detail);
        }
        finally
        {
            held.Dispose();
        }
        var after = _store.Gc(Now);
        Assert.Contains(Sha(remote), after.Items.Where(i => i.Kind == GcItemKind.Entry).Select(i => i.Name));
        Assert.Empty(_store.Column("SELECT id FROM roots"));
        Assert.False(File.Exists(layout.OwnerLockPath(remoteOwner))); // a dead owner's lock file goes with it
        AssertCatalogMatchesDisk();
        AssertVerifyClean();
    }

    [SkippableFact]
    public void A_live_ephemeral_root_keeps_its_tree_until_its_path_is_gone_or_it_expires()
    {
        var env = _store.Sub("x", ".venv");
        var tree = _store.Create(env, compile: false, _store.Wheel("eph")).Generation.TreeKey;
        File.Delete(env);
        var scratch = Directory.CreateDirectory(_store.Sub("scratch")).FullName;
        var future = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        _store.Execute($"INSERT INTO roots (kind, reference, path, expires_at, created_at) VALUES ('ephemeral', 'tree:{tree}', '{scratch}', {future}, 0)");

        _store.Gc(Now);
        Assert.Equal([tree], _store.Column("SELECT key FROM trees"));
        Assert.Single(_store.Column("SELECT artifact_sha256 FROM entries"));

        Directory.Delete(scratch);
        var report = _store.Gc(Now);
        var root = Assert.Single(report.Items, i => i.Kind == GcItemKind.Root);
        Assert.Equal($"'{scratch}' is gone", root.Detail);
        Assert.Empty(_store.Column("SELECT key FROM trees"));
        Assert.Empty(_store.Column("SELECT artifact_sha256 FROM entries"));
        AssertCatalogMatchesDisk();
    }

    [SkippableFact]
    public void Debris_and_expired_cache_files_go_and_fresh_ones_stay()
    {
        _store.Create(_store.Sub("d", ".venv"), compile: false, _store.Wheel("keep"));
        var orphanTree = Directory.CreateDirectory(Path.Combine(_store.Root, "trees", "deadbeef")).FullName;
        File.WriteAllText(Path.Combine(orphanTree, "f"), "x");
        var cache = Directory.CreateDirectory(Path.Combine(_store.Root, "cache", "http", "ab")).FullName;
        var oldHeader = Path.Combine(cache, "abc.json");
        var oldBody = Path.Combine(cache, "abc.body");
        var fresh = Path.Combine(cache, "abd.json");
        foreach (var f in new[] { oldHeader, oldBody, fresh }) File.WriteAllText(f, "{}");
        File.SetLastWriteTimeUtc(oldHeader, DateTime.UtcNow.AddDays(-8));
        File.SetLastWriteTimeUtc(oldBody, DateTime.UtcNow.AddDays(-8));

        var report = _store.Gc(Now);

        Assert.Contains(report.Items, i => i.Kind == GcItemKind.Debris && i.Name == "trees/deadbeef");
        Assert.False(Directory.Exists(orphanTree));
        Assert.Equal(2, report.Count(GcItemKind.CacheFile));
        Assert.False(File.Exists(oldHeader) || File.Exists(oldBody));
        Assert.True(File.Exists(fresh));
        Assert.Single(_store.Column("SELECT key FROM trees"));
        AssertVerifyClean();
    }
}
