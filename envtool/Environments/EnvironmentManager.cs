using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Standards.Names;
using EnvTool.Store;
using EnvTool.Store.Environments;
using EnvTool.Store.Errors;

namespace EnvTool.Environments;

/// <summary>
/// Creates environments and changes them one generation at a time. Every change builds (or reuses) a
/// tree for the new package set and switches the environment's symlink to it under the
/// environment's lock; wheels are imported before the lock is taken, so a concurrent change waits
/// only for another's tree build and switch, then builds on its result.
/// Rollback makes a NEW generation naming the old tree (as conda's revisions do, rather than moving
/// a pointer back as Nix does): history only grows, every switch is recorded with the command that
/// made it, and undoing a rollback is another rollback. It builds nothing and needs no network.
/// </summary>
public sealed class EnvironmentManager
{
    private readonly ContentStore _store;
    private readonly TreeBuilder _trees;
    private readonly IPackageProvider _provider;
    private readonly Func<InterpreterRequest, InterpreterInfo> _find;
    private readonly Func<string, InterpreterInfo> _probe;

    /// <param name="provider">Turns requests into stored wheels; local wheel files by default.</param>
    /// <param name="findInterpreter">Finds the interpreter for <c>create --python</c>; discovery by default.</param>
    /// <param name="probeInterpreter">Describes the interpreter an environment was created with, by executable; cached probe by default.</param>
    public EnvironmentManager(ContentStore store, IPackageProvider? provider = null,
                              Func<InterpreterRequest, InterpreterInfo>? findInterpreter = null,
                              Func<string, InterpreterInfo>? probeInterpreter = null)
    {
        _store = store;
        _trees = new TreeBuilder(store);
        _provider = provider ?? new WheelFileProvider(store);
        _find = findInterpreter ?? (request => InterpreterDiscovery.FromProcess().Find(request));
        _probe = probeInterpreter ?? InterpreterCache.Default.Get;
    }

    /// <summary>A new environment at a path where nothing is: generation 1 with the requested packages.</summary>
    /// <exception cref="EnvironmentPathTakenException">Something envtool did not make is at the path.</exception>
    public EnvironmentChange Create(CreateRequest request, IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default)
    {
        var path = EnvironmentPath.Normalize(request.Path);
        RefuseExisting(_store.Environments.Inspect(path));
        var interpreter = _find(request.Python);
        IReadOnlyList<TreePackage> Provide() => _provider.Provide(request.Packages, interpreter, [], progress, ct);
        var provided = Provide();
        var settings = new EnvironmentSettings(interpreter.Executable, request.LinkMode, request.Compile);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var session = Lock(path, progress, ct);
        RefuseExisting(session.State);
        var (tree, packages, generation) = Publish(interpreter, provided, Provide, settings, (published, packages) =>
        {
            progress?.Report(new EnvironmentProgress("switch", 0, 1));
            return session.Commit(published.Key, request.Command, settings.ToText(), PackageChanges.Between([], packages));
        }, progress, ct);
        return new EnvironmentChange(path, true, generation, interpreter, Sorted(packages), generation.Changes, tree.Reused, tree.Warnings);
    }

    /// <summary>
    /// A new environment at <paramref name="targetPath"/> with exactly the current generation of
    /// <paramref name="sourcePath"/>: the same tree (interpreter, packages, link mode, bytecode), so
    /// it costs one symlink and a catalog row whatever the size (conda's <c>create --clone</c>).
    /// The two are independent afterwards: changing one makes a new tree for it alone.
    /// </summary>
    public EnvironmentChange Clone(string sourcePath, string targetPath, string command,
                                   IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default)
    {
        var sourceState = _store.Environments.Inspect(EnvironmentPath.Normalize(sourcePath));
        var source = CurrentOf(sourceState);
        var path = EnvironmentPath.Normalize(targetPath);
        RefuseExisting(_store.Environments.Inspect(path));
        // Held from here on: gc may drop the source environment meanwhile, never this tree.
        if (_store.Trees.Find(source.TreeKey) is null)
            throw new EnvToolException($"the tree of '{sourceState.Path}' is missing from the store", "run `envtool store verify --repair`");
        var interpreter = _probe(EnvironmentSettings.Parse(source.Settings, sourceState.Path).Interpreter);
        var packages = _trees.Packages(source.TreeKey);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var session = Lock(path, progress, ct);
        RefuseExisting(session.State);
        progress?.Report(new EnvironmentProgress("switch", 0, 1));
        var generation = session.Commit(source.TreeKey, command, source.Settings, PackageChanges.Between([], packages));
        return new EnvironmentChange(path, true, generation, interpreter, Sorted(packages), generation.Changes, TreeReused: true, []);
    }

    /// <summary>A new generation: the current packages with the requested ones added (what the provider makes of that).</summary>
    public EnvironmentChange Install(string environmentPath, IReadOnlyList<PackageRequest> requests, string command,
                                     IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default)
    {
        if (requests.Count == 0) throw new EnvToolException("nothing to install", "name packages or wheel files, or a requirements file with -r");
        return Change(environmentPath, (interpreter, installed) => _provider.Provide(requests, interpreter, installed, progress, ct), command, progress, ct);
    }

    /// <summary>A new generation with exactly what the provider gives for no requests: a lock file's packages.</summary>
    public EnvironmentChange Sync(string environmentPath, string command, IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default) =>
        Change(environmentPath, (interpreter, installed) => _provider.Provide([], interpreter, installed, progress, ct), command, progress, ct);

    /// <summary>A new generation without the named packages (and, with a resolving provider, what only they needed). Every name must be installed.</summary>
    public EnvironmentChange Remove(string environmentPath, IReadOnlyList<string> names, string command,
                                    IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default)
    {
        if (names.Count == 0) throw new EnvToolException("nothing to remove", "name the packages to remove");
        return Change(environmentPath, (interpreter, installed) =>
        {
            var present = installed.Select(p => Key(p.Name)).ToHashSet(StringComparer.Ordinal);
            var unknown = names.Where(n => !present.Contains(Key(n))).ToList();
            if (unknown.Count > 0)
            {
                var path = EnvironmentPath.Normalize(environmentPath);
                throw new EnvToolException($"not installed in '{path}': {string.Join(", ", unknown)}",
                    $"see what is installed with `envtool list --env {path}`");
            }
            return _provider.Remove(names, interpreter, installed, progress, ct);
        }, command, progress, ct);
    }

    /// <summary>
    /// Computes the new package set (downloads and imports included) before taking the environment's
    /// lock, so a concurrent change waits only for the tree build and switch. If another process made
    /// a generation in the meantime, the set is computed again from that one (everything it needs is
    /// in the store by then), so neither change is lost.
    /// </summary>
    private EnvironmentChange Change(string environmentPath, Func<InterpreterInfo, IReadOnlyList<TreePackage>, IReadOnlyList<TreePackage>> compute,
                                     string command, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var path = EnvironmentPath.Normalize(environmentPath);
        var before = CurrentOf(_store.Environments.Inspect(path));
        var interpreter = _probe(EnvironmentSettings.Parse(before.Settings, path).Interpreter);
        var packages = compute(interpreter, _trees.Packages(before.TreeKey));

        using var session = Lock(path, progress, ct);
        var current = CurrentOf(session.State);
        if (current.TreeKey != before.TreeKey) packages = compute(interpreter, _trees.Packages(current.TreeKey));
        return Switch(session, current, packages, () => compute(interpreter, _trees.Packages(current.TreeKey)), command, progress, ct);
    }

    /// <summary>
    /// A new generation naming the tree of generation <paramref name="to"/>, or by default of
    /// <see cref="EnvironmentState.RollbackTarget"/> (the one before the current, skipping identical
    /// ones; repeated rollbacks keep going back).
    /// </summary>
    public EnvironmentChange Rollback(string environmentPath, int? to, string command,
                                      IProgress<EnvironmentProgress>? progress = null, CancellationToken ct = default)
    {
        using var session = Lock(EnvironmentPath.Normalize(environmentPath), progress, ct);
        var state = session.State;
        var current = CurrentOf(state);
        var target = to is { } number
            ? state.Find(number) ?? throw new EnvToolException(
                $"'{session.Path}' has no generation {number} (it has 1 to {current.Number})", $"see them with `envtool history --env {session.Path}`")
            : state.RollbackTarget() ?? throw new EnvToolException($"'{session.Path}' has no earlier generation to roll back to",
                  $"see its history with `envtool history --env {session.Path}`");
        var installed = _trees.Packages(current.TreeKey);
        if (target.TreeKey == current.TreeKey)
            return Unchanged(session.Path, current, installed);

        var packages = _trees.Packages(target.TreeKey);
        progress?.Report(new EnvironmentProgress("switch", 0, 1));
        var generation = session.Commit(target.TreeKey, command, target.Settings, PackageChanges.Between(installed, packages), restores: target.Number);
        return new EnvironmentChange(session.Path, true, generation, null, Sorted(packages), generation.Changes, TreeReused: true, []);
    }

    public EnvironmentListing List(string environmentPath)
    {
        var state = _store.Environments.Inspect(environmentPath);
        var current = CurrentOf(state);
        return new EnvironmentListing(state.Path, current.Number, EnvironmentSettings.Parse(current.Settings, state.Path), Sorted(_trees.Packages(current.TreeKey)));
    }

    public EnvironmentHistory History(string environmentPath)
    {
        var state = _store.Environments.Inspect(environmentPath);
        return new EnvironmentHistory(state.Path, CurrentOf(state).Number, state.Generations);
    }

    private EnvironmentChange Switch(EnvironmentSession session, GenerationRecord current, IReadOnlyList<TreePackage> computed,
                                     Func<IReadOnlyList<TreePackage>> computeAgain, string command, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var settings = EnvironmentSettings.Parse(current.Settings, session.Path);
        var interpreter = _probe(settings.Interpreter);
        var (tree, packages, generation) = Publish(interpreter, computed, computeAgain, settings, (published, packages) =>
        {
            if (published.Key == current.TreeKey) return null;
            var installed = _trees.Packages(current.TreeKey);
            progress?.Report(new EnvironmentProgress("switch", 0, 1));
            return session.Commit(published.Key, command, current.Settings, PackageChanges.Between(installed, packages));
        }, progress, ct);
        if (generation is null) return Unchanged(session.Path, current, packages);
        return new EnvironmentChange(session.Path, true, generation, interpreter, Sorted(packages), generation.Changes, tree.Reused, tree.Warnings);
    }

    /// <summary>
    /// Builds or finds the tree of the packages and hands it to <paramref name="commit"/> (the
    /// generation that names it). Neither a tree already published nor the entries of a remembered
    /// resolution are rooted first (<see cref="TreeStore.GetOrBuild"/>,
    /// <see cref="ContentStore.ListedEntries"/>), so gc may take either meanwhile. Nothing is
    /// changed when it does: a tree gone before its generation is built again, rooted; entries gone
    /// before a build linked them are provided again by <paramref name="provideAgain"/> (imported
    /// anew, and rooted).
    /// </summary>
    private (TreeRecord Tree, IReadOnlyList<TreePackage> Packages, T Committed) Publish<T>(
        InterpreterInfo interpreter, IReadOnlyList<TreePackage> packages, Func<IReadOnlyList<TreePackage>> provideAgain, EnvironmentSettings settings,
        Func<TreeRecord, IReadOnlyList<TreePackage>, T> commit, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var treeProgress = progress is null ? null : new TreeProgressAdapter(progress);
        var holdFound = false;
        // Each race can cost one more attempt; after both, the tree and entries are rooted.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var tree = _trees.Build(new TreeSpec(interpreter, packages, settings.LinkMode, settings.Compile), treeProgress, ct, holdFound);
                return (tree, packages, commit(tree, packages));
            }
            catch (TreeGoneException) when (attempt < 3)
            {
                holdFound = true;
            }
            catch (EntriesGoneException) when (attempt < 3)
            {
                holdFound = true;
                packages = provideAgain();
            }
        }
    }

    private EnvironmentSession Lock(string path, IProgress<EnvironmentProgress>? progress, CancellationToken ct) =>
        _store.Environments.Lock(path, () => progress?.Report(new EnvironmentProgress($"wait for another envtool process changing {path}", 0, 0)), ct);

    private static EnvironmentChange Unchanged(string path, GenerationRecord current, IReadOnlyList<TreePackage> packages) =>
        new(path, false, current, null, Sorted(packages), [], TreeReused: true, []);

    private static GenerationRecord CurrentOf(EnvironmentState state) => state.Current ?? throw new NoEnvironmentException(state.Path);

    private static void RefuseExisting(EnvironmentState state)
    {
        if (state.Current is { } current)
            throw new EnvToolException($"'{state.Path}' is already an environment (generation {current.Number})",
                $"change it with `envtool install --env {state.Path}` or `envtool remove`, or delete the link '{state.Path}' to start over");
    }

    private static string Key(string name) => PackageName.Normalize(name);

    private static IReadOnlyList<TreePackage> Sorted(IEnumerable<TreePackage> packages) =>
        packages.OrderBy(p => Key(p.Name), StringComparer.Ordinal).ToList();

    /// <summary>Forwards tree-build progress synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class TreeProgressAdapter(IProgress<EnvironmentProgress> inner) : IProgress<TreeProgress>
    {
        public void Report(TreeProgress value) => inner.Report(new EnvironmentProgress("build: " + value.Phase, value.Done, value.Total));
    }
}
