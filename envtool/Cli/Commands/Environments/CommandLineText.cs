namespace EnvTool.Cli.Commands.Environments;

/// <summary>The command line a generation records: how the user can see, in history, what made it.</summary>
internal static class CommandLineText
{
    // An array, not Skip(1): Select on Skip's iterator would be a generic virtual call (see RequirementInputs.Read).
    public static string Current() => Format(Environment.GetCommandLineArgs()[1..]);

    public static string Format(IEnumerable<string> args) =>
        string.Join(' ', new[] { "envtool" }.Concat(args.Select(Quote)));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+,%".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";
}
