using System.CommandLine;

namespace EnvTool.Cli.Commands.Environments;

/// <summary><c>--env PATH</c> of the commands that work on an existing environment.</summary>
internal static class EnvironmentOption
{
    public const string DefaultPath = ".venv";

    public static Option<string?> Create() => new("--env")
    {
        Description = "The environment (default: $VIRTUAL_ENV, else ./.venv)",
    };

    /// <summary>The environment path as the user will recognize it: --env, else $VIRTUAL_ENV, else .venv.</summary>
    public static string Resolve(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable("VIRTUAL_ENV") is { Length: > 0 } active ? active
        : DefaultPath;
}
