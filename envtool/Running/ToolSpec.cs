using EnvTool.Environments;
using EnvTool.Standards.Names;
using EnvTool.Standards.Requirements;
using EnvTool.Standards.Versions;
using EnvTool.Store.Errors;

namespace EnvTool.Running;

/// <summary>
/// What `envtool x TOOL[@VERSION]` runs: the command (a console script) and the package providing it.
/// <c>black</c> runs black's <c>black</c>; <c>black@24.2.0</c> pins <c>black==24.2.0</c>; a requirement
/// such as <c>'black&gt;=24'</c> is taken as written; with <c>--from PKG</c> the package is PKG and
/// TOOL is only the command's name (for packages whose script is named differently).
/// </summary>
public sealed record ToolSpec(string Command, PackageRequest Package)
{
    public static ToolSpec Parse(string tool, string? from)
    {
        if (from is not null)
        {
            if (tool.Length == 0 || tool.Contains('/') || tool.Contains('@') || tool.Any(char.IsWhiteSpace))
                throw new EnvToolException($"'{tool}' is not a command name", "with --from, name the command alone: envtool x --from httpie http");
            return new ToolSpec(tool, PackageRequest.FromArgument(from));
        }

        var at = tool.IndexOf('@');
        if (at > 0 && !tool.Contains(' ') && !tool.Contains('/'))
        {
            var name = PackageName.Parse(tool[..at]);
            var version = tool[(at + 1)..];
            if (!Pep440Version.TryParse(version, out _))
                throw new EnvToolException($"'{tool}': '{version}' is not a version", "write TOOL@VERSION, e.g. black@24.2.0");
            var text = $"{name.Original}=={version}";
            return new ToolSpec(name.Original, PackageRequest.FromRequirement(text, PackageRequest.CommandLine, Requirement.Parse(text)));
        }
        var requirement = Requirement.Parse(tool);
        return new ToolSpec(requirement.Name.Original, PackageRequest.FromRequirement(tool, PackageRequest.CommandLine, requirement));
    }
}
