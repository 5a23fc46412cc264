using System.CommandLine;

namespace EnvTool.Cli;

/// <summary>
/// System.CommandLine's root command brings `--help`, `--version` and the `[suggest]` directive,
/// and building them reads its localized descriptions through a ResourceManager: reflection over
/// the assembly's attributes and resources, 0.3 ms and about 90 page faults, a twentieth of an
/// empty `envtool create` (perf, 150 runs). A command line that uses none of them is parsed under a
/// plain root command of the same name instead; one that might (or fails to parse) gets the
/// standard root.
/// </summary>
public static class StandardOptions
{
    /// <summary>The tokens of HelpOption and VersionOption (a test holds them to the library's).</summary>
    internal static readonly string[] Tokens = ["--help", "-h", "/h", "-?", "/?", "--version"];

    /// <summary>
    /// The command line may need the standard root: it names help or version, a directive
    /// (`[suggest]`), or a response file (`@args.rsp`) whose content could name either.
    /// </summary>
    public static bool Named(IEnumerable<string> args) =>
        args.Any(arg => Tokens.Contains(arg) || arg.StartsWith('@') || (arg.StartsWith('[') && arg.EndsWith(']')));

    /// <summary>A root with the standard root's name and none of its options.</summary>
    public static Command LeanRoot(string description) => new(RootCommand.ExecutableName, description);
}
