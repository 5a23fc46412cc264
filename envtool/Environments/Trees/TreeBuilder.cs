using EnvTool.Environments.Bytecode;
using EnvTool.Environments.Layout;
using EnvTool.Standards.Names;
using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Store.Overlays;
using EnvTool.Store.Trees;

namespace EnvTool.Environments.Trees;

/// <summary>
/// Materializes venv-shaped, read-only trees in the store: one per distinct <see cref="TreeSpec"/>,
/// shared by every environment with that interpreter and package set. A tree holds exactly what
/// <c>python -m venv</c> plus <c>pip install --no-deps</c> of the same wheels would (RECORD,
/// INSTALLER and .pyc aside), and nothing in it names the environment's path.
/// </summary>
public sealed class TreeBuilder(ContentStore store)
{
    /// <summary>Returns the published tree for the spec, building it first when no process has yet.</summary>
    /// <param name="holdFound">Root a tree found already published (see <see cref="TreeStore.GetOrBuild"/>).</param>
    /// <exception cref="TreeConflictException">Two packages would install different files at one path.</exception>
    /// <exception cref="EnvToolException">Two packages of one name, or an invalid entry point.</exception>
    public TreeRecord Build(TreeSpec spec, IProgress<TreeProgress>? progress = null, CancellationToken ct = default, bool holdFound = true)
    {
        CheckPackages(spec);
        var mode = store.Trees.Resolve(spec.LinkMode);
        var concrete = spec with { LinkMode = mode };
        var text = concrete.CanonicalText;
        var tree = store.Trees.GetOrBuild(TreeSpec.KeyOf(text), text, mode, staging => Fill(concrete, staging, progress, ct), ct, holdFound);
        return new TreeRecord(tree.Key, tree.Path, tree.Reused, tree.Warnings);
    }

    /// <summary>The packages of a published tree: name, version, requested, direct URL and entry.</summary>
    /// <exception cref="EnvToolException">The store has no tree with this key.</exception>
    public IReadOnlyList<TreePackage> Packages(string treeKey)
    {
        var entries = store.Trees.Entries(treeKey)
            ?? throw new EnvToolException($"the store has no tree '{treeKey}'", "run `envtool store verify` to check the store");
        return entries.Select(e => new TreePackage(e.Entry, e.Name, e.Version, e.Requested, e.DirectUrl)).ToList();
    }

    private TreeContents Fill(TreeSpec spec, TreeStaging staging, IProgress<TreeProgress>? progress, CancellationToken ct)
    {
        HoldEntries(spec);
        // The catalog's list of each entry's files, not a walk of its directory: for the largest set,
        // 22,000 getdents and 11,000 opens fewer (the walk took 70 ms of a 1.1 s build's CPU).
        var files = store.EntryFiles(spec.Packages.Select(p => p.Entry.ArtifactSha256).ToList());
        var bytecode = spec.Compile
            ? BytecodeOverlays.Ensure(store, spec.Interpreter, spec.Packages, progress, ct)
            : new Dictionary<string, OverlayRecord>();
        var plan = new TreePlan();
        VenvSkeleton.AddTo(plan, spec.Interpreter);
        var planner = new PackagePlanner(VenvLayout.For(spec.Interpreter), plan);
        for (var i = 0; i < spec.Packages.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var package = spec.Packages[i];
            planner.Add(package, bytecode.GetValueOrDefault(package.Entry.ArtifactSha256),
                files.GetValueOrDefault(package.Entry.ArtifactSha256) ?? EntryDistInfo.Files(package.Entry.Path));
            progress?.Report(new TreeProgress("plan", i + 1, spec.Packages.Count));
        }

        // Store files (all but a few hundred) are linked in on every core; generated files become
        // objects first, which is bookkeeping for one thread, and come after with the symlinks.
        var total = plan.FileCount;
        var storeFiles = new List<(string, string)>(total);
        var others = new List<TreePlan.Item>();
        foreach (var item in plan.Files)
            if (item.Source is TreeSource.StoreFile f) storeFiles.Add((item.Path, f.Path));
            else others.Add(item);
        staging.LinkAll(plan.Directories, storeFiles, done => progress?.Report(new TreeProgress("link", done, total)), ct);
        var placed = storeFiles.Count;
        foreach (var item in others)
        {
            ct.ThrowIfCancellationRequested();
            switch (item.Source)
            {
                case TreeSource.Generated g: staging.Write(item.Path, g.Content, g.Executable); break;
                case TreeSource.Symlink s: staging.Symlink(item.Path, s.Target); break;
            }
            if (++placed % 256 == 0 || placed == total) progress?.Report(new TreeProgress("link", placed, total));
        }

        var rows = spec.Packages.Select(p => new TreeEntryRow(p.Entry.ArtifactSha256, p.Requested, p.DirectUrlJson)).ToList();
        return new TreeContents(rows, bytecode.Values.Select(o => o.Id).ToList());
    }

    /// <summary>
    /// Roots every entry the tree links before reading any of it (a no-op for entries this command
    /// imported or found with <see cref="ContentStore.FindEntries"/>). An entry looked up without a
    /// root (<see cref="ContentStore.ListedEntries"/>) may have been taken by gc since.
    /// </summary>
    private void HoldEntries(TreeSpec spec)
    {
        var held = store.FindEntries(spec.Packages.Select(p => p.Entry.ArtifactSha256).ToList());
        if (spec.Packages.FirstOrDefault(p => !held.ContainsKey(p.Entry.ArtifactSha256)) is { } gone)
            throw new EntriesGoneException(gone.Name, gone.Version);
    }

    private static void CheckPackages(TreeSpec spec)
    {
        var names = new Dictionary<string, TreePackage>(StringComparer.Ordinal);
        var artifacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in spec.Packages)
        {
            if (names.TryGetValue(PackageName.Normalize(p.Name), out var other))
                throw new EnvToolException($"one environment cannot hold both {other.Name} {other.Version} and {p.Name} {p.Version}",
                    "keep one version of each package");
            names[PackageName.Normalize(p.Name)] = p;
            if (!artifacts.Add(p.Entry.ArtifactSha256))
                throw new ArgumentException($"artifact {p.Entry.ArtifactSha256} is listed twice", nameof(spec));
        }
    }
}
