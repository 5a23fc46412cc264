using EnvTool.Environments.Trees;
using EnvTool.Python;

namespace EnvTool.Environments;

/// <summary>
/// The one step between "what the user asked for" and "wheels in the store": today local wheel files
/// (<see cref="WheelFileProvider"/>); the resolver plugs in here to fetch from indexes and add
/// dependencies.
/// </summary>
public interface IPackageProvider
{
    /// <summary>
    /// Packages whose entries are published in the store, one per distinct name: what the user named
    /// with <see cref="TreePackage.Requested"/> set, and anything they need with it unset.
    /// </summary>
    /// <param name="installed">The environment's packages now (empty for a new one), for a resolver to keep what still fits.</param>
    IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                       IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct);
}
