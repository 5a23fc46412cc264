using EnvTool.Environments;
using EnvTool.Install;
using EnvTool.Resolve;
using EnvTool.Standards.Scripts;
using EnvTool.Store.Errors;

namespace EnvTool.Running;

/// <summary>
/// What an ephemeral environment must hold and where its packages may come from, before the
/// interpreter is chosen: a script's PEP 723 block merged with the command line's options, or a
/// lock file to install exactly.
/// </summary>
/// <param name="Source">How errors name what asked (the script path, or "command line").</param>
/// <param name="LockPath">A PEP 751 lock to install exactly (no resolution), else null.</param>
public sealed record RunPlan(IReadOnlyList<PackageRequest> Requests, InstallSources Sources, string? RequiresPython, string Source, string? LockPath = null)
{
    /// <summary>The lock file `envtool lock --script` writes for a script, and `envtool run` uses when present: SCRIPT.lock.</summary>
    public static string LockPathFor(string scriptPath) => Path.GetFullPath(scriptPath) + ".lock";

    /// <summary>
    /// The script's dependencies and [tool.envtool] sources, with --with added and the command line's
    /// sources first (its --index-url replaces the script's). A script without a block needs only
    /// what --with names. Relative find-links in the script are relative to the script's directory.
    /// With a lock (--lock, else SCRIPT.lock beside the script) the lock alone says what to install.
    /// </summary>
    /// <exception cref="Standards.FileParseException">The block is malformed; the message names the line.</exception>
    public static RunPlan ForScript(string scriptPath, RunOptions options)
    {
        var metadata = ScriptMetadata.Read(scriptPath);
        var sources = WithScriptSources(options.Sources, metadata, scriptPath);
        var lockPath = options.LockPath is { } explicitLock ? Path.GetFullPath(explicitLock)
            : File.Exists(LockPathFor(scriptPath)) ? LockPathFor(scriptPath) : null;
        if (lockPath is not null)
        {
            if (options.With.Count > 0)
                throw new EnvToolException($"--with cannot be added to the lock file '{lockPath}'",
                    $"add the requirement to the script and lock again with `envtool lock --script {scriptPath}`");
            if (!File.Exists(lockPath)) throw new EnvToolException($"no lock file '{lockPath}'");
            return new RunPlan([], sources, metadata?.RequiresPython, scriptPath, lockPath);
        }
        return new RunPlan([.. ScriptRequests(metadata, scriptPath), .. options.With], sources, metadata?.RequiresPython, scriptPath);
    }

    /// <summary>A tool or a command: <paramref name="requests"/> (the tool's package) plus --with, the command line's sources.</summary>
    public static RunPlan ForRequests(IReadOnlyList<PackageRequest> requests, RunOptions options)
    {
        if (options.LockPath is { } lockPath)
            return requests.Count > 0 || options.With.Count > 0
                ? throw new EnvToolException($"requirements cannot be added to the lock file '{lockPath}'", "a lock file says exactly what to install")
                : new RunPlan([], options.Sources, null, PackageRequest.CommandLine, Path.GetFullPath(lockPath));
        return new RunPlan([.. requests, .. options.With], options.Sources, null, PackageRequest.CommandLine);
    }

    /// <summary>The script's requirements, each naming the script's block as where it was written.</summary>
    public static IReadOnlyList<PackageRequest> ScriptRequests(ScriptMetadata? metadata, string scriptPath)
    {
        if (metadata is null) return [];
        return metadata.Requirements
            .Select((r, i) => PackageRequest.FromRequirement(metadata.Dependencies[i], $"{scriptPath}:{metadata.StartLine}", r))
            .ToList();
    }

    /// <summary>The command line's sources with the script's [tool.envtool] ones after them, as a requirements file's are applied.</summary>
    public static InstallSources WithScriptSources(InstallSources sources, ScriptMetadata? metadata, string scriptPath)
    {
        if (metadata is null) return sources;
        var scriptDirectory = Path.GetDirectoryName(Path.GetFullPath(scriptPath))!;
        var index = sources.Index;
        return sources with
        {
            Index = index with
            {
                IndexUrl = index.IndexUrl ?? metadata.IndexUrl,
                ExtraIndexUrls = [.. index.ExtraIndexUrls, .. metadata.ExtraIndexUrls],
                FindLinks = [.. index.FindLinks, .. metadata.FindLinks.Select(l => l.Contains("://", StringComparison.Ordinal) ? l : Path.GetFullPath(l, scriptDirectory))],
                NoIndex = index.NoIndex || metadata.NoIndex,
            },
            Prereleases = metadata.Pre ? PrereleaseMode.Allow : sources.Prereleases,
        };
    }
}
