using System.Security.Cryptography;
using System.Text.Json;
using EnvTool.Tests.Install;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;

namespace EnvTool.Tests.Store;

/// <summary>
/// ENVTOOL_STORE_RO: stores layered read-only under the writable one (a baked CI image). Their
/// entries are used in place, new work goes to the writable store, and nothing in a layer changes.
/// </summary>
public sealed class ReadOnlyLayerTests : IDisposable
{
    private readonly InstallCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Baked => _cli.Temp.Sub("baked");
    private string Writable => _cli.Temp.Sub("writable");

    private EnvToolProcess.Result Layered(params string[] args) =>
        _cli.Run(new Dictionary<string, string?> { ["ENVTOOL_STORE"] = Writable, ["ENVTOOL_STORE_RO"] = Baked }, args);

    private static string[] Shas(EnvToolProcess.Result list) =>
        JsonDocument.Parse(list.Stdout).RootElement.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()!).ToArray();

    /// <summary>
    /// Every file's path, inode, size, modification time and content (the catalog and its journal
    /// files included, byte for byte). Not link counts: a tree linking a layer's file in place adds a
    /// link to that inode, which is the point of using it in place.
    /// </summary>
    private static string Fingerprint(string root) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            var s = EnvTool.Store.Native.FileStatus.Of(path);
            var content = s.IsRegularFile ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "";
            return $"{Path.GetRelativePath(root, path)} ino={s.Inode} size={s.Size} mtime={s.MtimeNs} {content}";
        }));

    /// <summary>A store holding the lock's wheels, with an environment, as a CI image would be baked; the wheels are then gone.</summary>
    private string Bake()
    {
        var wheels = _cli.Temp.Sub("wheels");
        new WheelBuilder("greet", "1.0").File("greet/__init__.py", "__version__ = '1.0'\n").WriteTo(wheels);
        new WheelBuilder("extra", "2.0").File("extra/__init__.py", "").WriteTo(wheels);
        var baked = new Dictionary<string, string?> { ["ENVTOOL_STORE"] = Baked };
        Assert.Equal(0, _cli.Run(baked, "lock", "greet", "--no-index", "--find-links", wheels, "--python", _cli.Python).ExitCode);
        var create = _cli.Run(baked, "create", "image-env", "--lock", "pylock.toml", "--python", _cli.Python);
        Assert.True(create.ExitCode == 0, create.Stderr);
        return wheels;
    }

    [SkippableFact]
    public void Entries_of_a_read_only_layer_are_used_in_place_and_the_layer_never_changes()
    {
        var wheels = Bake();
        var extra = Path.Combine(wheels, "extra-2.0-py3-none-any.whl");
        var kept = _cli.Temp.Sub("extra-2.0-py3-none-any.whl");
        File.Copy(extra, kept);
        Directory.Delete(wheels, recursive: true); // the job has the image, not the wheels
        var before = Fingerprint(Baked);

        var create = Layered("create", "job-env", "--lock", "pylock.toml", "--python", _cli.Python);
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal("1.0", Generations.Packages.ImportedVersion(_cli.Env("job-env"), "greet"));
        // In place: the environment's file is the layer's entry file itself, and the writable store unpacked nothing.
        var lib = Directory.GetDirectories(Path.Combine(_cli.Env("job-env"), "lib")).Single();
        var inTree = Path.Combine(lib, "site-packages", "greet", "__init__.py");
        var inLayer = Directory.GetFiles(Path.Combine(Baked, "entries"), "__init__.py", SearchOption.AllDirectories)
            .Single(f => f.EndsWith("/greet/__init__.py", StringComparison.Ordinal));
        Assert.Equal(EnvTool.Store.Native.FileStatus.Of(inLayer).Inode, EnvTool.Store.Native.FileStatus.Of(inTree).Inode);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Writable, "entries")));
        Assert.Contains("used in place", Layered("store", "info").Stdout);

        // New work goes to the writable store: only the wheel the layer lacks is unpacked there.
        var install = Layered("install", "--env", _cli.Env("job-env"), "--no-deps", kept);
        Assert.True(install.ExitCode == 0, install.Stderr);
        Assert.Single(Directory.GetFileSystemEntries(Path.Combine(Writable, "entries")));

        // gc in the writable store drops its records of layer entries, never the layer's files.
        File.Delete(_cli.Env("job-env"));
        Assert.Equal(0, Layered("store", "gc", "--grace", "0s").ExitCode);
        Assert.Equal(0, Layered("store", "verify", "--full").ExitCode);
        Assert.Equal(before, Fingerprint(Baked));
        Assert.Equal(0, _cli.Run(new Dictionary<string, string?> { ["ENVTOOL_STORE"] = Baked }, "store", "verify", "--full").ExitCode);
    }

    [SkippableFact]
    public void A_layer_that_is_missing_not_a_store_or_of_another_schema_is_refused_in_one_line()
    {
        Bake();
        var notAStore = _cli.Temp.Sub("plain-dir");
        Directory.CreateDirectory(notAStore);
        foreach (var (layer, expected) in new[]
                 {
                     (_cli.Temp.Sub("no-such-store"), "does not exist"),
                     (notAStore, "is not an envtool store"),
                 })
        {
            var result = _cli.Run(new Dictionary<string, string?> { ["ENVTOOL_STORE"] = Writable, ["ENVTOOL_STORE_RO"] = layer }, "store", "list");
            Assert.NotEqual(0, result.ExitCode);
            var error = Assert.Single(StoreCli.Errors(result));
            Assert.Contains($"read-only store {layer} {expected}", error);
        }

        SetVersion(Baked, 999);
        var newer = Layered("store", "list");
        Assert.NotEqual(0, newer.ExitCode);
        Assert.Contains("has catalog schema version 999", Assert.Single(StoreCli.Errors(newer)));

        SetVersion(Baked, EnvTool.Store.Catalog.CatalogSchema.LayerReadableSince - 1);
        var older = Layered("store", "list");
        Assert.NotEqual(0, older.ExitCode);
        Assert.Contains($"has catalog schema version {EnvTool.Store.Catalog.CatalogSchema.LayerReadableSince - 1}", Assert.Single(StoreCli.Errors(older)));
        Assert.False(Directory.Exists(Path.Combine(Writable, "entries")) && Directory.EnumerateFileSystemEntries(Path.Combine(Writable, "entries")).Any());
    }

    [SkippableFact]
    public void A_layer_baked_before_schema_steps_that_layers_do_not_read_still_serves()
    {
        // Step 7 changed only generations: a CI cache baked by the envtool before it is still used in place.
        Directory.Delete(Bake(), recursive: true); // only the layer has the wheels
        SetVersion(Baked, EnvTool.Store.Catalog.CatalogSchema.LayerReadableSince);

        var create = Layered("create", "job-env", "--lock", "pylock.toml", "--python", _cli.Python);
        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Equal("1.0", Generations.Packages.ImportedVersion(_cli.Env("job-env"), "greet"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Writable, "entries")));
    }

    private static void SetVersion(string store, int version)
    {
        using var connection = EnvTool.Store.Catalog.Sqlite.SqliteConnection.Open(Path.Combine(store, "catalog.db"));
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version};";
        command.ExecuteNonQuery();
    }
}
