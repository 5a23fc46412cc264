namespace EnvTool.Cli;

/// <summary>
/// What the process is talking to. Progress bars and colour only on a real terminal; plain lines
/// otherwise. <c>NO_COLOR</c> (any non-empty value) turns colour off, as https://no-color.org asks.
/// </summary>
public static class Terminal
{
    public static bool StdoutIsTerminal => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
    public static bool StderrIsTerminal => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public static bool UseColor(bool terminal) =>
        terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
