using EnvTool.Environments;
using EnvTool.Index;
using EnvTool.Standards.Scripts;

namespace EnvTool.Running;

/// <summary>
/// What an ephemeral environment must hold and where its packages may come from, before the
/// interpreter is chosen: a script's PEP 723 block merged with the command line's options.
/// </summary>
/// <param name="Source">How errors name what asked (the script path, or "command line").</param>
public sealed record RunPlan(IReadOnlyList<PackageRequest> Requests, IndexOptions Sources, bool Pre, string? RequiresPython, string Source)
{
    /// <summary>
    /// The script's dependencies and [tool.envtool] sources, with --with added and the command line's
    /// sources first (its --index-url replaces the script's). A script without a block needs only
    /// what --with names. Relative find-links in the script are relative to the script's directory.
    /// </summary>
    /// <exception cref="Standards.FileParseException">The block is malformed; the message names the line.</exception>
    public static RunPlan ForScript(string scriptPath, RunOptions options)
    {
        var metadata = ScriptMetadata.Read(scriptPath);
        var requests = new List<PackageRequest>();
        if (metadata is not null)
            for (var i = 0; i < metadata.Requirements.Count; i++)
                requests.Add(PackageRequest.FromRequirement(metadata.Dependencies[i], $"{scriptPath}:{metadata.StartLine}", metadata.Requirements[i]));
        requests.AddRange(With(options));

        var scriptDirectory = Path.GetDirectoryName(Path.GetFullPath(scriptPath))!;
        var cli = options.Sources;
        var sources = metadata is null ? cli : cli with
        {
            IndexUrl = cli.IndexUrl ?? metadata.IndexUrl,
            ExtraIndexUrls = [.. cli.ExtraIndexUrls, .. metadata.ExtraIndexUrls],
            FindLinks = [.. cli.FindLinks, .. metadata.FindLinks.Select(l => IsUrl(l) ? l : Path.GetFullPath(l, scriptDirectory))],
            NoIndex = cli.NoIndex || metadata.NoIndex,
        };
        return new RunPlan(requests, sources, options.Pre || (metadata?.Pre ?? false), metadata?.RequiresPython, scriptPath);
    }

    /// <summary>A tool or a command: <paramref name="requests"/> (the tool's package) plus --with, the command line's sources.</summary>
    public static RunPlan ForRequests(IReadOnlyList<PackageRequest> requests, RunOptions options) =>
        new([.. requests, .. With(options)], options.Sources, options.Pre, null, PackageRequest.CommandLine);

    private static IEnumerable<PackageRequest> With(RunOptions options) => options.With.Select(PackageRequest.FromArgument);

    private static bool IsUrl(string text) => text.Contains("://", StringComparison.Ordinal);
}
