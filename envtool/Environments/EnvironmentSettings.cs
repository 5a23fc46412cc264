using EnvTool.Store.Errors;
using EnvTool.Store.Trees;

namespace EnvTool.Environments;

/// <summary>
/// How an environment's trees are built, kept with each generation so later installs and removes
/// build with the same interpreter, link mode and bytecode choice. Stored as "key value" lines.
/// </summary>
public sealed record EnvironmentSettings(string Interpreter, LinkMode LinkMode, bool Compile)
{
    public string ToText() => $"interpreter {Interpreter}\nlink-mode {LinkMode.Name()}\ncompile {(Compile ? "yes" : "no")}\n";

    public static EnvironmentSettings Parse(string text, string environmentPath)
    {
        string? interpreter = null;
        LinkMode? mode = null;
        bool? compile = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ');
            var (key, value) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            switch (key)
            {
                case "interpreter": interpreter = value; break;
                case "link-mode": mode = LinkModes.Parse(value); break;
                case "compile": compile = value == "yes"; break;
            }
        }
        if (interpreter is null || mode is null || compile is null)
            throw new EnvToolException($"the catalog's settings for '{environmentPath}' are unreadable",
                "recreate the environment with `envtool create`");
        return new EnvironmentSettings(interpreter, mode.Value, compile.Value);
    }
}
