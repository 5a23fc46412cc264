using EnvTool.Standards.Requirements;
using EnvTool.Standards.RequirementsFiles;
using EnvTool.Store.Errors;

namespace EnvTool.Environments;

/// <summary>
/// One thing the user asked to install, as given: a local wheel file, or a PEP 508 requirement
/// (whose URL may itself name a local wheel). <see cref="Origin"/> says where it was written
/// ("command line", or file:line of a requirements file) for error messages.
/// </summary>
public sealed record PackageRequest(string Text, string Origin, string? WheelPath, Requirement? Requirement)
{
    public const string CommandLine = "command line";

    /// <summary>A command-line argument: a path to a .whl file (relative to the working directory), else a requirement.</summary>
    /// <exception cref="Standards.ParseException">It is neither a path nor a valid requirement.</exception>
    public static PackageRequest FromArgument(string text)
    {
        if (text.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) || text.Contains('/'))
            return new PackageRequest(text, CommandLine, Path.GetFullPath(text), null);
        return FromRequirement(text, CommandLine, Requirement.Parse(text));
    }

    /// <summary>Every requirement of a requirements file (-r), nested files included; constraints are not requests.</summary>
    public static IReadOnlyList<PackageRequest> FromRequirementsFile(RequirementsFile file) =>
        file.Entries.Where(e => !e.IsConstraint)
            .Select(e => FromRequirement(e.Text, e.Location, e.Requirement))
            .ToList();

    /// <summary>A parsed requirement written at <paramref name="origin"/>; a file: URL names a local wheel.</summary>
    public static PackageRequest FromRequirement(string text, string origin, Requirement requirement)
    {
        if (requirement.Url is { } url && url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsFile)
                throw new EnvToolException($"{origin}: '{url}' is not a valid file URL");
            return new PackageRequest(text, origin, uri.LocalPath, requirement);
        }
        return new PackageRequest(text, origin, null, requirement);
    }
}
