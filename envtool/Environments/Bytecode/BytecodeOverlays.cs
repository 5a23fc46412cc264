using EnvTool.Environments.Layout;
using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Overlays;

namespace EnvTool.Environments.Bytecode;

/// <summary>
/// The bytecode overlay of each entry for one interpreter: its .py files that land in site-packages,
/// compiled once into <c>__pycache__/NAME.CACHE_TAG.pyc</c> at the entry's own paths and published
/// in the store, then linked into every tree that uses that entry with that interpreter (trees are
/// read-only, so Python could not write them later).
/// </summary>
internal static class BytecodeOverlays
{
    /// <summary>Identifies the interpreter's bytecode: cache tag and magic number (a tag alone spans betas with different magics).</summary>
    internal static string Tag(InterpreterInfo python) => $"{python.CacheTag}-{python.MagicNumberHex}";

    /// <summary>Overlays by artifact sha256, compiling the missing ones; empty when the interpreter cannot use them.</summary>
    internal static Dictionary<string, OverlayRecord> Ensure(ContentStore store, InterpreterInfo python, IReadOnlyList<TreePackage> packages,
        IProgress<TreeProgress>? progress, CancellationToken ct)
    {
        var found = new Dictionary<string, OverlayRecord>(StringComparer.Ordinal);
        if (!BytecodeCompiler.Supports(python)) return found;
        var tag = Tag(python);
        var missing = new List<TreePackage>();
        foreach (var package in packages)
        {
            if (store.Overlays.Find(package.Entry.ArtifactSha256, tag) is { } known) found[package.Entry.ArtifactSha256] = known;
            else missing.Add(package);
        }
        if (missing.Count == 0) return found;

        using var staging = store.Overlays.Stage();
        var layout = VenvLayout.For(python);
        var jobs = new List<CompileJob>();
        foreach (var package in missing)
            jobs.AddRange(Jobs(package, layout, python.CacheTag!, staging.DirectoryFor(package.Entry.ArtifactSha256, tag)));
        progress?.Report(new TreeProgress("compile", 0, jobs.Count));
        BytecodeCompiler.Compile(python, jobs, ct);
        progress?.Report(new TreeProgress("compile", jobs.Count, jobs.Count));
        foreach (var package in missing)
        {
            ct.ThrowIfCancellationRequested();
            found[package.Entry.ArtifactSha256] = store.Overlays.Publish(staging, package.Entry, tag, ct);
        }
        return found;
    }

    /// <summary>The package's .py files that install into site-packages (purelib or platlib), as pip compiles them.</summary>
    private static IEnumerable<CompileJob> Jobs(TreePackage package, VenvLayout layout, string cacheTag, string outputRoot)
    {
        var distInfo = EntryDistInfo.Find(package.Entry);
        var mapper = EntryDistInfo.Mapper(layout, distInfo, package.Name);
        foreach (var relative in EntryDistInfo.Files(package.Entry.Path))
        {
            if (!relative.EndsWith(".py", StringComparison.Ordinal)) continue;
            var placement = mapper.Map(relative);
            if (placement.Scheme is not (WheelScheme.Purelib or WheelScheme.Platlib)) continue;
            var slash = relative.LastIndexOf('/');
            var dir = slash < 0 ? "" : relative[..(slash + 1)];
            var stem = Path.GetFileNameWithoutExtension(relative);
            var pyc = $"{dir}__pycache__/{stem}.{cacheTag}.pyc";
            yield return new CompileJob(Path.Combine(package.Entry.Path, relative), Path.Combine(outputRoot, pyc),
                placement.TreePath[(layout.SitePackages.Length + 1)..]);
        }
    }
}
