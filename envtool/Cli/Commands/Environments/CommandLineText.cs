using System.Buffers;
using System.Text;

namespace EnvTool.Cli.Commands.Environments;

/// <summary>The command line a generation records: how the user can see, in history, what made it.</summary>
internal static class CommandLineText
{
    /// <summary>Characters a POSIX shell reads literally: an argument made of only these needs no quotes.</summary>
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@+,%");

    public static string Current() => Format(Environment.GetCommandLineArgs()[1..]);

    public static string Format(IEnumerable<string> args)
    {
        var text = new StringBuilder("envtool");
        foreach (var arg in args) text.Append(' ').Append(Quote(arg));
        return text.ToString();
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && !arg.AsSpan().ContainsAnyExcept(Plain) ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
