using System.Diagnostics;
using System.Formats.Tar;
using System.Text.Json;
using EnvTool.Tests.Install;
using EnvTool.Tests.Support;
using ZstdSharp;

namespace EnvTool.Tests.Store;

/// <summary>`envtool store export` and `store import`: the CI cache round trip, and what a bad archive gets.</summary>
public sealed class StoreArchiveTests(StandInIndex index) : IClassFixture<StandInIndex>, IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Second => _cli.Temp.Sub("second-store");

    private EnvToolProcess.Result InSecond(params string[] args) => _cli.Run(new Dictionary<string, string?> { ["ENVTOOL_STORE"] = Second }, args);

    private static string[] Shas(EnvToolProcess.Result list) =>
        JsonDocument.Parse(list.Stdout).RootElement.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A store holding the Flask set, installed from a lock whose wheels are local files in a directory of their own.</summary>
    private string LockedFlask()
    {
        var wheels = _cli.Temp.Sub("wheels");
        Directory.CreateDirectory(wheels);
        foreach (var file in Directory.GetFiles(index.FindLinks, "*.whl")) File.Copy(file, Path.Combine(wheels, Path.GetFileName(file)));
        _cli.Ok("lock", "flask", "--no-index", "--find-links", wheels, "--python", _cli.Python);
        _cli.Ok("create", ".venv", "--lock", "pylock.toml", "--python", _cli.Python, "--no-compile");
        return wheels;
    }

    [SkippableFact]
    public void A_lock_exported_and_imported_into_a_fresh_store_builds_the_environment_with_its_wheels_gone()
    {
        var wheels = LockedFlask();
        _cli.Ok("store", "add", Path.Combine(index.FindLinks, Directory.GetFiles(index.FindLinks, "click-*.whl").Order().First()));
        var export = _cli.Ok("store", "export", "--lock", "pylock.toml", "-o", "cache.tar.zst");
        Assert.Contains("Exported 7 wheels", export.Stdout);
        Directory.Delete(wheels, recursive: true); // the next job has only the cache

        var import = InSecond("store", "import", Path.Combine(_cli.Project, "cache.tar.zst"));
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("Imported 7 wheels from", import.Stdout);
        Assert.Equal(7, Shas(InSecond("store", "list", "--format", "json")).Length);

        var create = InSecond("create", "restored", "--lock", "pylock.toml", "--python", _cli.Python, "--no-compile");
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal("3.0", Generations.Packages.ImportedVersion(_cli.Env("restored"), "flask"));
        Assert.Equal(0, InSecond("store", "verify", "--full").ExitCode);

        // Importing again unpacks nothing.
        var again = InSecond("store", "import", Path.Combine(_cli.Project, "cache.tar.zst"));
        Assert.Contains("Imported 0 wheels", again.Stdout);
        Assert.Contains("(7 already in the store)", again.Stdout);
    }

    [SkippableFact]
    public void Without_a_lock_the_whole_store_travels_and_standard_streams_work()
    {
        LockedFlask();
        var whole = _cli.Temp.Sub("whole.tar.zst");
        using (var output = File.Create(whole))
        {
            var psi = EnvToolProcess.StartInfo(["--store", _cli.Store, "store", "export", "-o", "-"]);
            psi.RedirectStandardOutput = true;
            using var process = Process.Start(psi)!;
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
        var psiIn = EnvToolProcess.StartInfo(["--store", Second, "store", "import", "-"]);
        psiIn.RedirectStandardInput = true;
        psiIn.RedirectStandardOutput = true;
        using (var importer = Process.Start(psiIn)!)
        {
            using (var input = File.OpenRead(whole)) input.CopyTo(importer.StandardInput.BaseStream);
            importer.StandardInput.Close();
            var stdout = importer.StandardOutput.ReadToEnd();
            importer.WaitForExit();
            Assert.Equal(0, importer.ExitCode);
            Assert.Contains("from standard input", stdout);
        }
        Assert.Equal(Shas(_cli.Ok("store", "list", "--format", "json")), Shas(InSecond("store", "list", "--format", "json")));
    }

    [SkippableFact]
    public void A_tampered_truncated_or_foreign_archive_is_refused_and_the_store_is_unchanged()
    {
        LockedFlask();
        var good = _cli.Temp.Sub("good.tar.zst");
        _cli.Ok("store", "export", "-o", good);
        InSecond("store", "info"); // creates the second store
        var before = StoreSnapshot.Take(Second);

        var members = ReadTar(good);
        var tampered = _cli.Temp.Sub("tampered.tar");
        var victim = members.Keys.First(k => k.EndsWith(".whl", StringComparison.Ordinal));
        WriteTar(tampered, members.Select(kv => (kv.Key, kv.Key == victim ? Flip(kv.Value) : kv.Value)));
        AssertRefused(tampered, $"member '{victim}' does not match the manifest", before);

        var truncated = _cli.Temp.Sub("truncated.tar.zst");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..(int)(new FileInfo(good).Length / 2)]);
        AssertRefused(truncated, "truncated.tar.zst: it is not a readable archive", before);

        var notOurs = _cli.Temp.Sub("not-ours.tar");
        WriteTar(notOurs, [("README", "hello"u8.ToArray())]);
        AssertRefused(notOurs, "its first member is not manifest.json", before);

        var missing = _cli.Temp.Sub("missing.tar");
        WriteTar(missing, members.Where(kv => kv.Key != victim).Select(kv => (kv.Key, kv.Value)));
        AssertRefused(missing, "it is truncated: 1 artifact(s) its manifest lists are missing", before);

        var smuggled = _cli.Temp.Sub("smuggled.tar");
        WriteTar(smuggled, members.Select(kv => (kv.Key, kv.Value)).Append(("../outside.whl", [1, 2, 3])));
        AssertRefused(smuggled, "member '../outside.whl' is not listed in its manifest", before);

        var escaping = _cli.Temp.Sub("escaping.tar");
        var manifest = System.Text.Encoding.UTF8.GetString(members["manifest.json"]).Replace($"\"{victim}\"", "\"../../etc/evil.whl\"");
        WriteTar(escaping, members.Select(kv => (kv.Key, kv.Key == "manifest.json" ? System.Text.Encoding.UTF8.GetBytes(manifest) : kv.Value)));
        AssertRefused(escaping, "its manifest lists an invalid artifact ('../../etc/evil.whl')", before);

        var foreign = _cli.Temp.Sub("foreign.tar.zst");
        File.WriteAllText(foreign, "not an archive at all");
        AssertRefused(foreign, "it is not a readable archive", before);
        Assert.False(File.Exists("/etc/evil.whl"));
    }

    [SkippableFact]
    public void A_killed_export_never_leaves_a_partial_archive_under_its_name()
    {
        var wheels = LockedFlask();
        foreach (var i in Enumerable.Range(0, 10))
            _cli.Ok("store", "add", new WheelBuilder($"bulk{i}", "1.0").File($"bulk{i}/data.bin", RandomBytes(4_000_000, i)).WriteTo(wheels));
        var random = new Random(2026);
        for (var round = 0; round < 8; round++)
        {
            var target = _cli.Temp.Sub($"killed-{round}.tar.zst");
            var psi = EnvToolProcess.StartInfo(["--store", _cli.Store, "store", "export", "-o", target]);
            psi.RedirectStandardOutput = true;
            using var process = Process.Start(psi)!;
            // Kill at a random moment once writing has begun (start-up time varies too much to aim blind).
            var partial = $".killed-{round}.tar.zst.{process.Id}.partial";
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!process.HasExited && !File.Exists(_cli.Temp.Sub(partial)) && DateTime.UtcNow < deadline) Thread.Sleep(1);
            Thread.Sleep(random.Next(0, 25));
            try { process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit();
            if (File.Exists(target))
                Assert.Equal(0, InSecond("store", "import", target).ExitCode); // whole, or not there at all
        }
        // The kills did land mid-write: their temporary files are all that is left of those rounds.
        Assert.NotEmpty(Directory.GetFiles(_cli.Temp.Path, ".killed-*.partial"));
    }

    private void AssertRefused(string archive, string expected, StoreSnapshot before)
    {
        var result = InSecond("store", "import", archive);
        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(Wheels.StoreCli.Errors(result));
        Assert.Contains(expected, error);
        before.AssertSameAs(StoreSnapshot.Take(Second));
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[copy.Length / 2] ^= 0xFF;
        return copy;
    }

    private static Dictionary<string, byte[]> ReadTar(string archive)
    {
        using var file = File.OpenRead(archive);
        using var zstd = new DecompressionStream(file);
        using var tar = new TarReader(zstd);
        var members = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (tar.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            members[entry.Name] = data.ToArray();
        }
        return members;
    }

    private static void WriteTar(string path, IEnumerable<(string Name, byte[] Data)> members)
    {
        using var file = File.Create(path);
        using var tar = new TarWriter(file, TarEntryFormat.Pax);
        foreach (var (name, data) in members)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
    }
}
