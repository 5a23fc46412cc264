using EnvTool.Environments;

namespace EnvTool.Cli.Commands.Environments;

/// <summary>Requests from the command line: positional requirements, then each -r file's.</summary>
internal static class PackageRequests
{
    public static IReadOnlyList<PackageRequest> From(string[]? arguments, string[]? requirementFiles) =>
        (arguments ?? []).Select(PackageRequest.FromArgument)
            .Concat((requirementFiles ?? []).SelectMany(PackageRequest.FromRequirementsFile))
            .ToList();
}
