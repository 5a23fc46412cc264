using System.Diagnostics;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

/// <summary>
/// A separate program that imports through the store library, so tests can race real processes and
/// SIGKILL one mid-import. Built once per test run as a .NET file-based app referencing store/.
/// Protocol: prints "ready" once the store is open, waits for a line on stdin, imports the files of
/// a directory, prints "done &lt;files it read&gt; &lt;entry path&gt;". In "hang" mode it prints
/// "hanging" while reading the last file and blocks until killed.
/// </summary>
public sealed class ChildImporter : IDisposable
{
    private const string Program = """
        using EnvTool.Store;
        using EnvTool.Store.Artifacts;

        var (root, mode, dir, sha, size) = (args[0], args[1], args[2], args[3], long.Parse(args[4]));
        using var store = ContentStore.Open(root);
        var source = new DirectorySource(dir, hang: mode == "hang");
        Console.WriteLine("ready");
        Console.ReadLine();
        var entry = store.Import(new ArtifactDescriptor(sha, size, "child.zip", "child", "1.0", [], null), source);
        Console.WriteLine($"done {source.Opens} {entry.Path}");

        sealed class DirectorySource(string dir, bool hang) : IArtifactSource
        {
            public int Opens;

            public IEnumerable<ArtifactFile> Files()
            {
                var files = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                for (var i = 0; i < files.Count; i++)
                {
                    var path = files[i];
                    var last = i == files.Count - 1;
                    yield return new ArtifactFile(Path.GetRelativePath(dir, path), new FileInfo(path).Length, null, false, () =>
                    {
                        Interlocked.Increment(ref Opens);
                        if (hang && last)
                        {
                            Console.WriteLine("hanging");
                            Console.ReadLine();
                            Thread.Sleep(Timeout.Infinite);
                        }
                        return File.OpenRead(path);
                    });
                }
            }
        }
        """;

    private readonly TempDir _build = new("envtool-child");
    private readonly Lazy<string> _dll;

    public ChildImporter()
    {
        _dll = new Lazy<string>(Build);
    }

    public void Dispose() => _build.Dispose();

    private string Build()
    {
        var repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "Store.sln"))) repo = Path.GetDirectoryName(repo) ?? throw new InvalidOperationException("Store.sln not found above the test binaries");
        var source = _build.Sub("child.cs");
        File.WriteAllText(source, $"#:project {Path.Combine(repo, "store", "Store.csproj")}\n" + Program);
        var output = _build.Sub("out");
        var psi = new ProcessStartInfo("dotnet", ["build", source, "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var build = Process.Start(psi)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException($"building the child importer failed:\n{stdout.Result}\n{stderr.Result}");
        return Path.Combine(output, "child.dll");
    }

    public Process Start(string root, string mode, string dir, string sha256, long size)
    {
        var psi = new ProcessStartInfo("dotnet", [_dll.Value, root, mode, dir, sha256, size.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi)!;
        var first = process.StandardOutput.ReadLine();
        if (first != "ready")
            throw new InvalidOperationException($"child importer did not start: {first}\n{process.StandardError.ReadToEnd()}");
        return process;
    }
}
