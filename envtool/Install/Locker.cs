using EnvTool.Environments;
using EnvTool.Index;
using EnvTool.Resolve;
using EnvTool.Standards.Locks;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using Tomlyn.Model;

namespace EnvTool.Install;

/// <summary>
/// Resolves requirements for one target and describes the result as a PEP 751 lock: every package
/// with its version, the one wheel chosen for the target (URL, or path relative to the lock's
/// directory for local files), its size and sha256, and its Requires-Python. What the user asked for
/// by name is kept in <c>[tool.envtool] requested</c>, so installing the lock marks those packages
/// as requested (the standard has no field for it).
/// </summary>
public static class Locker
{
    public const string RequestedKey = "requested";

    /// <param name="lockDirectory">Where the lock will be written: local paths are relative to it.</param>
    /// <param name="previous">A lock written before to the same place: its versions are preferred, so re-locking changes only what must change.</param>
    public static async Task<PyLock> LockAsync(IReadOnlyList<PackageRequest> requests, InstallSources sources, ResolveTarget target,
                                               string lockDirectory, PyLock? previous, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        if (requests.Count == 0)
            throw new Store.Errors.EnvToolException("nothing to lock", "name requirements, or a requirements file with -r");
        var (roots, pinned) = LocalWheels.Roots(requests, store: null);
        using var index = sources.Open(allowEmpty: roots.All(r => pinned.ContainsKey(r.Name.Normalized)));
        IPackageIndex view = new RememberingIndex(new PinnedIndex(index, pinned));
        if (sources.NoDependencies) view = new NoDependenciesIndex(view);

        progress?.Report(new EnvironmentProgress("resolve", 0, 0));
        var resolution = await Resolver.ResolveAsync(new ResolveRequest
        {
            Requirements = roots,
            Constraints = sources.Constraints,
            Target = target,
            Prereleases = sources.Prereleases,
            Preferences = (previous?.Packages ?? []).Where(p => p.Version is not null)
                .GroupBy(p => p.Name.Normalized, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Version!, StringComparer.Ordinal),
            Index = view,
        }, ct);

        var done = 0;
        var packages = new LockedPackage[resolution.Packages.Count];
        await Parallel.ForAsync(0, packages.Length, new ParallelOptions { MaxDegreeOfParallelism = sources.ParallelDownloads, CancellationToken = ct },
            async (i, token) =>
            {
                packages[i] = await DescribeAsync(resolution.Packages[i], view, index.IndexUrls, lockDirectory, token);
                progress?.Report(new EnvironmentProgress("describe wheels", Interlocked.Increment(ref done), packages.Length));
            });

        var requested = new TomlArray();
        foreach (var name in resolution.Packages.Where(p => p.Requested).Select(p => p.Name.Normalized)) requested.Add(name);
        return new PyLock
        {
            CreatedBy = PyLock.Creator,
            Packages = packages,
            Tool = new TomlTable { ["envtool"] = new TomlTable { [RequestedKey] = requested } },
        };
    }

    /// <summary>The names a lock written by <see cref="LockAsync"/> says were asked for; null for a lock that does not say.</summary>
    public static IReadOnlySet<string>? RequestedNames(PyLock lockFile) =>
        lockFile.Tool?.TryGetValue("envtool", out var envtool) == true && envtool is TomlTable table
        && table.TryGetValue(RequestedKey, out var value) && value is TomlArray names
            ? names.OfType<string>().Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal)
            : null;

    private static async Task<LockedPackage> DescribeAsync(ResolvedPackage package, IPackageIndex index, IReadOnlyList<string> indexUrls,
                                                           string lockDirectory, CancellationToken ct)
    {
        var file = package.File;
        var (sha256, size) = (file.Sha256, file.Size);
        if (sha256 is null || size is null)
        {
            // Find-links pages and plain HTML indexes may not say: read the file once to know.
            await using var reader = DownloadVerifier.For(await index.OpenAsync(file, ct), file);
            await reader.CopyToAsync(Stream.Null, ct);
            (sha256, size) = (reader.ActualSha256!, reader.BytesRead);
        }
        var wheel = new LockedWheel
        {
            Name = WheelFileName.Parse(file.FileName),
            Url = file.Url.IsFile ? null : file.Url.AbsoluteUri,
            Path = file.Url.IsFile ? Path.GetRelativePath(lockDirectory, file.Url.LocalPath).Replace('\\', '/') : null,
            Size = size,
            UploadTime = file.UploadTime,
            Hashes = FileHashes.Sha256Hex(sha256),
        };
        // Indexes usually say Requires-Python on the page; find-links do not, so the metadata (already fetched, cached) says it.
        var requiresPythonText = file.RequiresPython
            ?? CoreMetadata.Parse(TolerantUtf8.Decode(await index.GetCoreMetadataAsync(file, ct)), file.FileName + " METADATA").RequiresPython;
        return new LockedPackage
        {
            Name = PackageName.Parse(package.Name.Normalized),
            Version = package.Version,
            RequiresPython = SpecifierSet.TryParse(requiresPythonText, out var requiresPython) ? requiresPython : null,
            Index = !file.Url.IsFile && indexUrls.Contains(file.Source, StringComparer.Ordinal) ? file.Source : null,
            Wheels = [wheel],
        };
    }
}
