using System.Text.RegularExpressions;
using EnvTool.Store.Catalog;
using EnvTool.Store.Native;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

/// <summary>
/// The system calls SQLite makes for the catalog that envtool replaces (UnixVfsCalls), traced with
/// strace on the real program, and the WAL index reset that one of them stands in for.
/// </summary>
public sealed partial class CatalogSyscallTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-vfs");

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void A_write_syncs_the_WAL_but_not_the_store_directory_where_syncing_a_new_file_keeps_its_name()
    {
        Skip.IfNot(StracedEnvTool.Available, "strace is not installed (.ci/run installs it)");
        Skip.IfNot(FileSystemKind.SyncsNewEntriesWithFile(_dir.Path), "the temporary directory is not on ext4, XFS, Btrfs or tmpfs");

        var second = TracedSecondCreate("fsync,fdatasync");

        Assert.Contains(second, line => StracedEnvTool.WalSync().IsMatch(line));
        Assert.DoesNotContain(second, line => SyncOf(_dir.Sub("store")).IsMatch(line));
    }

    [SkippableFact]
    public void Opening_the_catalog_clears_its_WAL_index_without_truncating_the_file()
    {
        Skip.IfNot(StracedEnvTool.Available, "strace is not installed (.ci/run installs it)");

        var second = TracedSecondCreate("ftruncate,pwrite64");

        // SQLite's own reset: ftruncate(shm, 3). The replacement writes zeros from byte 3 instead.
        Assert.DoesNotContain(second, line => line.Contains("ftruncate(") && line.Contains("catalog.db-shm>"));
        Assert.Contains(second, line => ZeroingTheIndex().IsMatch(line));
    }

    [Fact]
    public void A_stale_WAL_index_left_behind_is_rebuilt_from_the_WAL_at_the_next_open()
    {
        var path = _dir.Sub("catalog.db");
        Write(path, "CREATE TABLE t (n INTEGER);", "INSERT INTO t VALUES (1);");
        var stale = File.ReadAllBytes(path + "-shm");
        Write(path, "INSERT INTO t VALUES (2);");
        Assert.True(new FileInfo(path + "-wal").Length > 0, "the WAL was checkpointed: the test needs it to hold the commits");

        // An index as a process killed after the first commit would have left it: valid, and behind the WAL.
        File.WriteAllBytes(path + "-shm", stale);

        var database = new CatalogDatabase(path);
        using (var connection = database.Open())
        using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM t";
            Assert.Equal(2L, count.ExecuteScalar());
        }
        database.Close();
    }

    /// <summary>Runs <paramref name="statements"/> in a catalog connection, then closes it as a command would (the WAL stays).</summary>
    private static void Write(string path, params string[] statements)
    {
        var database = new CatalogDatabase(path);
        database.ChooseJournal();
        using (var connection = database.Open())
            foreach (var statement in statements) connection.Execute(statement);
        database.Close();
    }

    /// <summary>The syscalls of a second empty create (the store and its catalog already made by a first one).</summary>
    private List<string> TracedSecondCreate(string calls)
    {
        var python = TestPythons.RequireDefault();
        var project = _dir.Sub("project");
        Directory.CreateDirectory(project);
        var env = new Dictionary<string, string?> { ["ENVTOOL_STORE"] = _dir.Sub("store"), ["VIRTUAL_ENV"] = null };
        var first = EnvToolProcess.Run(["create", Path.Combine(project, "one"), "--python", python], env, project);
        Assert.True(first.ExitCode == 0, $"first create: exit {first.ExitCode}\n{first.Stdout}\n{first.Stderr}");

        return StracedEnvTool.Run(_dir.Sub("strace.log"), calls, env, project, "create", Path.Combine(project, "two"), "--python", python);
    }

    /// <summary>An fsync or fdatasync of <paramref name="directory"/> itself (strace -y names a descriptor's path).</summary>
    private static Regex SyncOf(string directory) => new($@"\b(fdatasync|fsync)\(\d+<{Regex.Escape(directory)}>\)");


    /// <summary>The first write of zeros over the index, from byte 3.</summary>
    [GeneratedRegex(@"\bpwrite64\(\d+<[^>]*/catalog\.db-shm>, ""\\0\\0\\0.*, 3\) = \d+")]
    private static partial Regex ZeroingTheIndex();
}
