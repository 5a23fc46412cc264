using EnvTool.Environments.Trees;
using EnvTool.Python;
using EnvTool.Standards.Names;
using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Wheels;

namespace EnvTool.Environments;

/// <summary>
/// Packages from local wheel files only, each imported once (<see cref="WheelImporter"/> skips those
/// already stored). No dependencies are added or removed: what is named is what is installed (a
/// package of the same name is replaced), and remove takes away exactly the named packages.
/// </summary>
public sealed class WheelFileProvider(ContentStore store) : IPackageProvider
{
    public IReadOnlyList<TreePackage> Provide(IReadOnlyList<PackageRequest> requests, InterpreterInfo interpreter,
                                              IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var importer = new WheelImporter(store);
        var byName = new Dictionary<string, (TreePackage Package, PackageRequest Request)>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            ct.ThrowIfCancellationRequested();
            var path = request.WheelPath ?? throw new EnvToolException(
                $"'{request.Text}' ({request.Origin}) is not a wheel file: installing from a package index comes with the resolver",
                "name a local wheel: a path ending in .whl, or 'name @ file:///path/to/name-1.0-py3-none-any.whl'");
            if (!File.Exists(path))
                throw new EnvToolException($"wheel file '{request.Text}' ({request.Origin}) does not exist");

            var step = "import " + Path.GetFileName(path);
            progress?.Report(new EnvironmentProgress(step, 0, 1));
            var import = importer.Import(path, null, ct);
            progress?.Report(new EnvironmentProgress(step, 1, 1));

            var name = PackageName.Normalize(import.Name);
            if (request.Requirement is { } requirement && requirement.Name.Normalized != name)
                throw new EnvToolException(
                    $"'{request.Text}' ({request.Origin}) names {requirement.Name.Original}, but the wheel is {import.Name} {import.Version}");
            if (byName.TryGetValue(name, out var earlier))
                throw new EnvToolException(
                    $"two wheels for {import.Name}: '{earlier.Request.Text}' and '{request.Text}'", "name one version of each package");
            var package = new TreePackage(import.Entry, import.Name, import.Version, Requested: true,
                DirectUrl.ForLocalArchive(Path.GetFullPath(path), import.Sha256));
            byName[name] = (package, request);
        }
        return installed.Where(p => !byName.ContainsKey(PackageName.Normalize(p.Name)))
            .Concat(byName.Values.Select(v => v.Package))
            .ToList();
    }

    public IReadOnlyList<TreePackage> Remove(IReadOnlyList<string> names, InterpreterInfo interpreter,
                                             IReadOnlyList<TreePackage> installed, IProgress<EnvironmentProgress>? progress, CancellationToken ct)
    {
        var removing = names.Select(PackageName.Normalize).ToHashSet(StringComparer.Ordinal);
        return installed.Where(p => !removing.Contains(PackageName.Normalize(p.Name))).ToList();
    }
}
