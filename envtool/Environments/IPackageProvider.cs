using EnvTool.Environments.Trees;
using EnvTool.Python;

namespace EnvTool.Environments;

/// <summary>
/// The one step between "what the user asked for" and "wheels in the store": local wheel files only
/// (<see cref="WheelFileProvider"/>), the resolver over indexes (<c>Install.ResolverProvider</c>), or
/// a lock file (<c>Install.LockProvider</c>). Both methods return the environment's WHOLE package set
/// afterwards, one package per distinct name, each with its entry published in the store: what the
/// user asked for with <see cref="TreePackage.Requested"/> set, what they need with it unset.
/// </summary>
public interface IPackageProvider
{
    /// <summary>The packages after adding <paramref name="requests"/> (none for a lock file, which says it all).</summary>
    /// <param name="installed">The environment's packages now (empty for a new one), to keep what still fits.</param>
    IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                       IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct);

    /// <summary>The packages after removing <paramref name="names"/> (each one installed), and whatever only they needed, when the provider knows.</summary>
    IReadOnlyList<TreePackage> Remove(IReadOnlyList<string> names, InterpreterInfo interpreter,
                                      IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct);
}
