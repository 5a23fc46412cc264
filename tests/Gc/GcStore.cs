using System.Security.Cryptography;
using System.Text;
using EnvTool.Environments;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Gc;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;
using EnvTool.Store.Catalog.Sqlite;

namespace EnvTool.Tests.Gc;

/// <summary>
/// A store in a temp dir for gc tests. Each step opens its own store handle and disposes it, as a
/// command would: a handle's operation roots keep what it imported or built until it is disposed.
/// </summary>
internal sealed class GcStore : IDisposable
{
    private readonly TempDir _dir = new("envtool-gc");

    public string Root => _dir.Sub("store");
    public string Wheels => _dir.Sub("wheels");
    public string Sub(params string[] parts) => _dir.Sub(parts);

    public void Dispose() => _dir.Dispose();

    public ContentStore Open() => ContentStore.Open(Root);

    /// <summary>Creates an environment with a real interpreter from the given wheel files.</summary>
    public EnvironmentChange Create(string path, bool compile, params string[] wheels)
    {
        var info = InterpreterCache.Default.Get(TestPythons.RequireDefault());
        using var store = Open();
        return new EnvironmentManager(store, findInterpreter: _ => info).Create(new CreateRequest(
            path, wheels.Select(PackageRequest.FromArgument).ToList(), InterpreterRequest.Any, LinkMode.Hardlink, compile, "create"));
    }

    public EnvironmentChange Install(string path, params string[] wheels)
    {
        using var store = Open();
        return new EnvironmentManager(store).Install(path, wheels.Select(PackageRequest.FromArgument).ToList(), "install");
    }

    public GcReport Gc(GcOptions options)
    {
        using var store = Open();
        return store.CollectGarbage(options);
    }

    /// <summary>A wheel of package <paramref name="name"/> with one module holding <paramref name="padding"/> bytes of its own.</summary>
    public string Wheel(string name, string version = "1.0", int padding = 0)
    {
        var filler = new StringBuilder();
        var random = new Random(HashCode.Combine(name.Length, name[0], version.Length));
        while (filler.Length < padding) filler.Append(random.NextInt64().ToString("x16")).Append('\n');
        return new WheelBuilder(name, version)
            .File($"{name}/__init__.py", $"__version__ = \"{version}\"\n")
            .File($"{name}/data_{name}.txt", $"{name} {version}\n{filler}")
            .WriteTo(Wheels);
    }

    public static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    public List<string> Column(string sql)
    {
        using var connection = SqliteConnection.Open(Path.Combine(Root, "catalog.db"), SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        values.Sort(StringComparer.Ordinal);
        return values;
    }

    public void Execute(string sql)
    {
        using var connection = SqliteConnection.Open(Path.Combine(Root, "catalog.db"));
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Names in a top-level store directory (entries, trees, overlays), sorted.</summary>
    public List<string> OnDisk(string directory)
    {
        var path = Path.Combine(Root, directory);
        if (!Directory.Exists(path)) return [];
        var names = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Every object file on disk as "ab/cdef..." names, sorted.</summary>
    public List<string> ObjectFiles()
    {
        var names = Directory.EnumerateFiles(Path.Combine(Root, "objects"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Root, "objects"), f)).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Every catalogued object as the file name the store gives it, sorted.</summary>
    public List<string> CataloguedObjects() => Column("""
        SELECT substr(sha256, 1, 2) || '/' || substr(sha256, 3) || CASE WHEN executable THEN 'x' ELSE '' END
               || CASE WHEN copy > 0 THEN '.' || copy ELSE '' END FROM objects
        """);
}
