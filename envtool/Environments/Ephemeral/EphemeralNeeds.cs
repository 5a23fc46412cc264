using System.Text;
using EnvTool.Index;
using EnvTool.Install;
using EnvTool.Python;
using EnvTool.Standards.Names;
using EnvTool.Store.Objects;

namespace EnvTool.Environments.Ephemeral;

/// <summary>
/// Everything an ephemeral environment (a script's, a tool's) is made from: the requirements, where
/// packages may come from, and the interpreter. Equal needs give equal keys and share one
/// environment, whichever script asked; the order requirements are written in does not matter,
/// the order of indexes does (it decides where a package comes from). Offline mode is not part of
/// it: it changes how packages are fetched, not which.
/// </summary>
/// <param name="LockDigest">sha256 of the lock file the environment is installed from exactly, else null.</param>
public sealed record EphemeralNeeds(
    IReadOnlyList<PackageRequest> Requests,
    InstallSources Sources,
    InterpreterInfo Interpreter,
    string? LockDigest = null)
{
    /// <summary>Bumped when what an environment holds for the same needs changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>sha256 hex of <see cref="CanonicalText"/>: the name of the environment's symlink.</summary>
    public string Key => NameDigest.Hex(CanonicalText);

    /// <summary>One fact per line; what <see cref="Key"/> digests.</summary>
    public string CanonicalText
    {
        get
        {
            var text = new StringBuilder();
            void Line(string name, string value) => text.Append(name).Append(' ').Append(value).Append('\n');
            Line("envtool-ephemeral", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Line("interpreter", Interpreter.RealExecutable);
            Line("implementation", Interpreter.Implementation);
            Line("version", Interpreter.FullVersion);
            foreach (var request in Requests.Select(Canonical).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                Line("requirement", request);
            var index = Sources.Index;
            Line("index-url", index.NoIndex ? "-" : index.IndexUrl ?? DefaultIndex.Url ?? "-");
            foreach (var url in index.ExtraIndexUrls) Line("extra-index-url", url);
            foreach (var links in index.FindLinks) Line("find-links", links);
            Line("prereleases", Sources.Prereleases.ToString());
            foreach (var constraint in Sources.Constraints.Select(c => c.ToString()).Order(StringComparer.Ordinal)) Line("constraint", constraint);
            if (Sources.NoDependencies) Line("no-deps", "yes");
            if (LockDigest is not null) Line("lock", LockDigest);
            return text.ToString();
        }
    }

    /// <summary>The request with its name normalized and its parts in one spelling, so "Rich" and "rich" are one need.</summary>
    private static string Canonical(PackageRequest request)
    {
        if (request.Requirement is not { } r) return "wheel " + request.WheelPath;
        var text = new StringBuilder(r.Name.Normalized);
        if (r.Extras.Count > 0) text.Append('[').Append(string.Join(',', r.Extras.Select(PackageName.Normalize).Order(StringComparer.Ordinal))).Append(']');
        text.Append(' ').AppendJoin(',', r.Specifier.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        if (r.Url is not null) text.Append(" @ ").Append(r.Url);
        if (r.Marker is not null) text.Append(" ; ").Append(r.Marker.ToString());
        return text.ToString();
    }
}
