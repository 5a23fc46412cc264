using EnvTool.Environments;
using EnvTool.Index;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.RequirementsFiles;

namespace EnvTool.Install;

/// <summary>
/// Everything one command line asks to install: the REQ arguments, the requirements of each
/// <c>-r</c> file (nested files included), and the constraints of each <c>-c</c> file and of
/// <c>-c</c> lines inside <c>-r</c> files. The files' own option lines (<c>--index-url</c>,
/// <c>--find-links</c>, <c>--pre</c>, <c>--require-hashes</c>...) are kept with them.
/// </summary>
public sealed record RequirementInputs(
    IReadOnlyList<PackageRequest> Requests,
    IReadOnlyList<Requirement> Constraints,
    IReadOnlyList<RequirementsFile> RequirementFiles)
{
    public static RequirementInputs None { get; } = new([], [], []);

    /// <exception cref="Standards.ParseException">A REQ argument is neither a wheel path nor a valid requirement.</exception>
    /// <exception cref="Standards.FileParseException">A requirements or constraints file is invalid (names file:line).</exception>
    public static RequirementInputs Read(IEnumerable<string> arguments, IEnumerable<string> requirementFiles, IEnumerable<string> constraintFiles)
    {
        var files = requirementFiles.Select(path => RequirementsFile.Read(path)).ToList();
        var requests = arguments.Select(PackageRequest.FromArgument)
            .Concat(files.SelectMany(PackageRequest.FromRequirementsFile))
            .ToList();
        // ConvertAll, not Select: Select on a LINQ iterator (here Concat's) is a generic virtual call,
        // which the AOT runtime resolves with a slow lookup the first time it runs. The three such
        // calls on the way of an empty create cost it about 0.45 ms.
        var constraints = files.SelectMany(f => f.Entries).Where(e => e.IsConstraint)
            .Concat(constraintFiles.Select(path => RequirementsFile.Read(path)).SelectMany(f => f.Entries))
            .ToList()
            .ConvertAll(e => e.Requirement);
        return new RequirementInputs(requests, constraints, files);
    }

    /// <summary>
    /// The command line's sources with the requirements files' option lines applied as pip applies
    /// them: a file's <c>--index-url</c> is used unless the command line names one; extra indexes and
    /// find-links add up; <c>--no-index</c> anywhere means no index.
    /// </summary>
    public IndexOptions Apply(IndexOptions commandLine)
    {
        var options = RequirementFiles.Select(f => f.Options).ToList();
        return commandLine with
        {
            IndexUrl = commandLine.IndexUrl ?? options.Select(o => o.IndexUrl).LastOrDefault(u => u is not null),
            ExtraIndexUrls = [.. commandLine.ExtraIndexUrls, .. options.SelectMany(o => o.ExtraIndexUrls)],
            FindLinks = [.. commandLine.FindLinks, .. options.SelectMany(o => o.FindLinks)],
            NoIndex = commandLine.NoIndex || options.Any(o => o.NoIndex),
        };
    }

    /// <summary>A requirements file says <c>--pre</c>.</summary>
    public bool AllowsPrereleases => RequirementFiles.Any(f => f.Options.Pre);
}
