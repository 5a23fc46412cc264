using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Index;
using EnvTool.Python;
using EnvTool.Standards.Locks;
using EnvTool.Standards.Names;
using EnvTool.Store;
using EnvTool.Store.Errors;

namespace EnvTool.Install;

/// <summary>
/// Exactly the packages of a PEP 751 lock that apply to the interpreter (<see cref="LockSelection"/>),
/// with no resolution: each chosen wheel is taken from the store when its sha256 is there, else fetched
/// from its URL or path and checked against the lock's size and hashes. Every file is verified before
/// any is imported, so a tampered lock or file changes nothing.
/// </summary>
public sealed class LockProvider(ContentStore store, PyLock lockFile, InstallSources sources) : IPackageProvider
{
    public IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                              IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        if (requests.Count > 0)
            throw new EnvToolException($"'{requests[0].Text}' was named together with a lock file",
                "a lock file says exactly what to install: add the requirement where the lock was made and lock again");
        var promise = lockFile.File ?? "the lock file";
        var selected = LockSelection.Select(lockFile, LockTarget.For(interpreter));
        var wanted = selected.Select(s => new WantedWheel(s.Package.Name.Normalized, s.Package.Version?.ToString() ?? "", FileOf(s.Wheel), promise)).ToList();

        using var index = sources.Open(allowEmpty: true);
        var stored = new WheelFetcher(store, index, sources.ParallelDownloads).Fetch(wanted, progress, ct);
        // A lock that does not say what was asked for: everything counts as asked for, so a later
        // install or remove (which re-resolves the requested set) keeps all of it.
        var requested = Locker.RequestedNames(lockFile);
        return selected.Zip(stored, (s, wheel) => new TreePackage(wheel.Entry, s.Package.Name.Normalized, s.Package.Version?.ToString() ?? wheel.Entry.ArtifactSha256,
                requested?.Contains(s.Package.Name.Normalized) ?? true, DirectUrlJson: null))
            .ToList();
    }

    /// <summary>Only what is named goes: a lock knows nothing about what else the rest needs.</summary>
    public IReadOnlyList<TreePackage> Remove(IReadOnlyList<string> names, InterpreterInfo interpreter,
                                             IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var removing = names.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        return installed.Where(p => !removing.Contains(PackageName.Normalize(p.Name))).ToList();
    }

    private DistributionFile FileOf(LockedWheel wheel) => new()
    {
        FileName = wheel.Name.FileName,
        Url = wheel.Url is { } url ? new Uri(url) : new Uri(lockFile.ResolvePath(wheel.Path!)),
        Hashes = wheel.Hashes.All.ToDictionary(h => h.Algorithm, h => h.DigestHex, StringComparer.Ordinal),
        Size = wheel.Size,
        Source = lockFile.File ?? "lock file",
    };
}
