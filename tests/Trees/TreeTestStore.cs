using System.Collections.Concurrent;
using System.Diagnostics;
using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;
using EnvTool.Wheels;

namespace EnvTool.Tests.Trees;

/// <summary>A fresh store in a temp dir with helpers to import wheels and build trees; unseals everything on dispose.</summary>
internal sealed class TreeTestStore : IDisposable
{
    private static readonly ConcurrentDictionary<string, InterpreterInfo> Probed = new(StringComparer.Ordinal);

    public TreeTestStore(StoreOptions? options = null)
    {
        Dir = new TempDir("envtool-trees");
        StoreRoot = Dir.Sub("store");
        Store = ContentStore.Open(StoreRoot, options);
        Builder = new TreeBuilder(Store);
    }

    public TempDir Dir { get; }
    public string StoreRoot { get; }
    public ContentStore Store { get; }
    public TreeBuilder Builder { get; }

    public static InterpreterInfo Python(string executable) => Probed.GetOrAdd(executable, InterpreterProbe.Probe);

    /// <summary>Writes the wheel, imports it, and returns it as a tree package.</summary>
    public TreePackage Package(WheelBuilder wheel, bool requested = true, string? directUrl = null)
    {
        var path = wheel.WriteTo(Dir.Sub("wheels"));
        var import = new WheelImporter(Store).Import(path);
        return new TreePackage(import.Entry, import.Name, import.Version, requested, directUrl);
    }

    public string WheelPath(WheelBuilder wheel) => Path.Combine(Dir.Sub("wheels"), wheel.FileName);

    public TreeRecord Build(string python, params TreePackage[] packages) =>
        Builder.Build(new TreeSpec(Python(python), packages, LinkMode.Hardlink, Compile: false));

    public void Dispose()
    {
        TreeSealing.Unseal(StoreRoot);
        Store.Dispose();
        Dir.Dispose();
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string executable, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var psi = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var k in new[] { "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE", "PIP_REQUIRE_VIRTUALENV" }) psi.Environment.Remove(k);
        if (env is not null)
            foreach (var (k, v) in env)
                if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Every path under <paramref name="root"/> (files, symlinks and directories), relative, sorted.</summary>
    public static List<string> Listing(string root, Func<string, bool>? keep = null)
    {
        var all = Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(p => !IsSymlinkedDirectoryChild(root, p))
            .Select(p => Path.GetRelativePath(root, p))
            .Where(p => keep?.Invoke(p) ?? true)
            .ToList();
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    // lib64 -> lib would list everything twice.
    private static bool IsSymlinkedDirectoryChild(string root, string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > root.Length; dir = Path.GetDirectoryName(dir))
            if (new FileInfo(dir).LinkTarget is not null) return true;
        return false;
    }
}
