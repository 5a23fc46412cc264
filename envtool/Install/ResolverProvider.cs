using System.Text.Json;
using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Index;
using EnvTool.Python;
using EnvTool.Resolve;
using EnvTool.Standards.Names;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using EnvTool.Store;
using EnvTool.Store.Errors;

namespace EnvTool.Install;

/// <summary>
/// Packages from indexes and find-links through the resolver. An environment's requested set (the
/// packages with REQUESTED) is what gets resolved: <c>install</c> adds to it, <c>remove</c> takes
/// from it, and each change re-resolves the whole set for the environment's interpreter, so
/// dependencies nobody needs any more go (as uv's remove does). What is installed is preferred
/// wherever it still fits, and a package installed from a local wheel stays at that wheel until it is
/// named again. Local wheel paths are accepted as requests: each is pinned to its file and its
/// dependencies are resolved from the sources. Chosen wheels come through <see cref="WheelFetcher"/>.
/// </summary>
public sealed class ResolverProvider(ContentStore store, InstallSources sources) : IPackageProvider
{
    public IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                              IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        // An empty environment: nothing to resolve, and nothing worth remembering.
        if (requests.Count == 0 && installed.Count == 0) return [];
        var hashes = HashPolicy.For(requests, sources.RequirementFiles, sources.RequireHashes, interpreter.Markers);
        // Hash-checking mode checks every file as it is fetched, which a remembered answer skips.
        var memo = hashes is null ? ResolutionMemo.For(store.Layout.CacheDir, sources, requests, interpreter, installed) : null;
        if (memo?.Recall() is { } remembered && FromStore(remembered) is { } packages)
        {
            progress?.Report(new EnvironmentProgress("resolve: no input changed, the last result stands", 0, 0));
            return packages;
        }
        var result = Resolve(requests, interpreter, installed, hashes, memo, progress, ct);
        memo?.Remember(result);
        return result;
    }

    private List<TreePackage> Resolve(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter, IReadOnlyList<TreePackage> installed,
                                      HashPolicy? hashes, ResolutionMemo? memo, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var (roots, pinned) = LocalWheels.Roots(requests, store);
        var named = roots.Select(r => r.Name.Normalized).ToHashSet(StringComparer.Ordinal);

        if (sources.NoDependencies)
        {
            // Only what is named, added to what is there: nothing else is resolved, so nothing else may change.
            var added = Install(roots, pinned, [], interpreter, hashes, memo, progress, ct);
            return installed.Where(p => !named.Contains(Key(p.Name))).Concat(added).ToList();
        }

        foreach (var package in installed.Where(p => p.Requested && !named.Contains(Key(p.Name))))
        {
            roots.Add(Requirement.Parse(package.Name));
            if (InstalledPin(package) is { } pin) pinned[Key(package.Name)] = pin;
        }
        return Install(roots, pinned, installed, interpreter, hashes, memo, progress, ct);
    }

    /// <summary>The remembered packages with their store entries, or null when the store no longer holds one of them.</summary>
    /// <remarks>
    /// Looked up without roots: the tree of the same packages is usually published already and then
    /// keeps them, and a tree that must be built holds its entries first (<see cref="TreeBuilder"/>).
    /// Rooting 94 entries, then dropping the roots, was most of what a second environment of the
    /// largest set wrote to the catalog.
    /// </remarks>
    private List<TreePackage>? FromStore(IReadOnlyList<RememberedPackage> remembered)
    {
        var artifacts = remembered.Select(p => p.ArtifactSha256).ToList();
        var entries = store.ListedEntries(artifacts);
        // An artifact of a read-only layer is recorded here by the rooted lookup.
        if (entries.Count < artifacts.Count) entries = store.FindEntries(artifacts);
        if (remembered.Any(p => !entries.ContainsKey(p.ArtifactSha256))) return null;
        return remembered.Select(p => new TreePackage(entries[p.ArtifactSha256], p.Name, p.Version, p.Requested, p.DirectUrlJson)).ToList();
    }

    public IReadOnlyList<TreePackage> Remove(IReadOnlyList<string> names, InterpreterInfo interpreter,
                                             IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var removing = names.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        var roots = new List<Requirement>();
        var pinned = new Dictionary<string, PinnedFile>(StringComparer.Ordinal);
        foreach (var package in installed.Where(p => p.Requested && !removing.Contains(Key(p.Name))))
        {
            roots.Add(Requirement.Parse(package.Name));
            if (InstalledPin(package) is { } pin) pinned[Key(package.Name)] = pin;
        }
        return Install(roots, pinned, installed, interpreter, hashes: null, memo: null, progress, ct, removing);
    }

    /// <summary>Resolves <paramref name="roots"/>, fetches the chosen wheels and describes them as tree packages.</summary>
    /// <param name="removing">Names that must not be in the result (remove): a package still needed by another is an error.</param>
    /// <param name="memo">Stamps each local file before its metadata is read, when the answer is to be remembered.</param>
    private List<TreePackage> Install(IReadOnlyList<Requirement> roots, IReadOnlyDictionary<string, PinnedFile> pinned,
                                      IReadOnlyList<TreePackage> installed, InterpreterInfo interpreter, HashPolicy? hashes, ResolutionMemo? memo,
                                      IProgress<EnvironmentProgress>? progress, CancellationToken ct, IReadOnlySet<string>? removing = null)
    {
        if (roots.Count == 0) return [];
        var everyRootPinned = roots.All(r => pinned.ContainsKey(r.Name.Normalized));
        using var index = sources.Open(allowEmpty: everyRootPinned);
        IPackageIndex view = new PinnedIndex(memo is null ? index : new StampingIndex(index, memo), pinned);
        if (sources.NoDependencies) view = new NoDependenciesIndex(view);

        progress?.Report(new EnvironmentProgress("resolve", 0, 0));
        Resolution resolution;
        try
        {
            resolution = Resolver.ResolveAsync(new ResolveRequest
            {
                Requirements = roots,
                Constraints = sources.Constraints,
                Target = ResolveTarget.For(interpreter),
                Prereleases = sources.Prereleases,
                Preferences = installed.ToDictionary(p => Key(p.Name), p => Pep440Version.Parse(p.Version), StringComparer.Ordinal),
                Index = view,
            }, ct).GetAwaiter().GetResult();
        }
        catch (ResolutionException e) when (!sources.HasSource && !sources.Index.NoIndex)
        {
            throw new ResolutionException(e.Explanation,
                "no package index is configured, so only the named wheel files were available: pass --index-url or --find-links, or set " + DefaultIndex.EnvironmentVariable);
        }

        if (removing is not null)
            foreach (var still in resolution.Packages.Where(p => removing.Contains(p.Name.Normalized)))
            {
                var needers = resolution.Packages.Where(p => p.Dependencies.Contains(still.Name)).Select(p => p.Name.Original).ToList();
                throw new EnvToolException(
                    $"cannot remove {still.Name.Original}: {string.Join(", ", needers)} {(needers.Count == 1 ? "needs" : "need")} it",
                    $"remove {(needers.Count == 1 ? "that package" : "those packages")} too, or keep {still.Name.Original}");
            }

        var wanted = resolution.Packages.Select(p => new WantedWheel(p.Name.Original, p.Version.ToString(), p.File,
            Allowed: hashes?.AllowedFor(p.Name.Original, p.Version.ToString()))).ToList();
        var stored = new WheelFetcher(store, view, sources.ParallelDownloads).Fetch(wanted, progress, ct);
        var installedByName = installed.ToDictionary(p => Key(p.Name), StringComparer.Ordinal);
        return resolution.Packages.Zip(stored, (package, wheel) =>
        {
            var key = package.Name.Normalized;
            string? directUrl = null;
            if (pinned.TryGetValue(key, out var pin))
                directUrl = installedByName.TryGetValue(key, out var before) && before.Entry.ArtifactSha256 == wheel.Sha256
                    ? before.DirectUrlJson
                    : DirectUrl.ForLocalArchive(pin.File.Url.LocalPath, wheel.Sha256);
            return new TreePackage(wheel.Entry, package.Name.Original, package.Version.ToString(), package.Requested, directUrl);
        }).ToList();
    }

    /// <summary>An installed package that came from a local wheel (it has a direct URL): pinned to its store entry.</summary>
    private static PinnedFile? InstalledPin(TreePackage package)
    {
        if (package.DirectUrlJson is not { } json) return null;
        string? url;
        using (var document = JsonDocument.Parse(json))
            url = document.RootElement.TryGetProperty("url", out var value) ? value.GetString() : null;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var distInfo = Path.Combine(package.Entry.Path, EntryDistInfo.Find(package.Entry));
        var file = new DistributionFile
        {
            FileName = Path.GetFileName(uri.LocalPath),
            Url = uri,
            Hashes = new Dictionary<string, string> { ["sha256"] = package.Entry.ArtifactSha256 },
            Source = url,
        };
        return new PinnedFile(file, Path.Combine(distInfo, "METADATA"));
    }

    private static string Key(string name) => PackageName.Normalize(name);
}
