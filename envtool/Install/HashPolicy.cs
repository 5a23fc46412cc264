using EnvTool.Environments;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;
using EnvTool.Standards.RequirementsFiles;
using EnvTool.Store.Errors;

namespace EnvTool.Install;

/// <summary>
/// pip's hash-checking mode over every <c>-r</c> file of a command: on when <c>--require-hashes</c> is
/// given or a file asks for it or gives any <c>--hash</c>. Then every requirement must be pinned with
/// hashes (<see cref="RequireHashes.Check"/>), a requirement given on the command line (which cannot
/// carry a hash) is refused, and every package installed, dependencies included, must be listed with
/// the hashes its file may have.
/// </summary>
public sealed class HashPolicy
{
    private readonly IReadOnlyList<RequireHashes> _files;

    private HashPolicy(IReadOnlyList<RequireHashes> files, string reason)
    {
        _files = files;
        Reason = reason;
    }

    /// <summary>Why the mode is on, e.g. "requirements.txt:3 gives --hash".</summary>
    public string Reason { get; }

    /// <summary>The policy, or null when hash-checking mode is off.</summary>
    /// <exception cref="Standards.FileParseException">A requirement in a file is not pinned or has no hash.</exception>
    /// <exception cref="EnvToolException">Hash-checking is on and a requirement was given on the command line.</exception>
    public static HashPolicy? For(IReadOnlyList<PackageRequest> requests, IReadOnlyList<RequirementsFile> files, bool commandLine, MarkerEnvironment target)
    {
        var checks = files.Select(f => RequireHashes.Check(f, commandLine, target)).ToList();
        var reason = commandLine ? "--require-hashes is given" : checks.FirstOrDefault(c => c.IsOn)?.Reason;
        if (reason is null) return null;
        if (requests.FirstOrDefault(r => r.Origin == PackageRequest.CommandLine) is { } bare)
            throw new EnvToolException(
                $"'{bare.Text}' (command line) has no hash: in hash-checking mode every requirement needs one, and hashes can only be given in a requirements file",
                $"hash-checking mode is on because {reason}; move the requirement into the file with --hash=sha256:<hex digest>");
        return new HashPolicy(checks, reason);
    }

    /// <summary>The hashes a file of <paramref name="name"/> may have.</summary>
    /// <exception cref="EnvToolException">The package is not pinned in any requirements file.</exception>
    public IReadOnlyList<RecordHash> AllowedFor(string name, string version)
    {
        var parsed = PackageName.Parse(name);
        foreach (var file in _files)
            if (file.HashesFor(parsed) is { } hashes) return hashes;
        throw new EnvToolException(
            $"{name} {version} would be installed, but no requirements file pins it with a hash",
            $"hash-checking mode is on because {Reason}: every package to install, dependencies included, must be listed as '{name}=={version} --hash=sha256:...'");
    }
}
