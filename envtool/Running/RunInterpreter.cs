using EnvTool.Python;
using EnvTool.Store.Errors;

namespace EnvTool.Running;

/// <summary>
/// Which interpreter runs a script: the one --python names; otherwise the default interpreter (what
/// `python3` is here, or .python-version's), unless the script's requires-python rules it out, then
/// the newest one that satisfies it. Answers come from the interpreter cache: no Python runs when
/// nothing changed.
/// </summary>
public static class RunInterpreter
{
    /// <param name="requiresPython">The script's requires-python, else null.</param>
    /// <param name="source">Names the script in errors.</param>
    public static InterpreterInfo Choose(string? python, string? requiresPython, string source)
    {
        var discovery = InterpreterDiscovery.FromProcess();
        var required = requiresPython is null ? null : ParseRequired(requiresPython, source);
        if (python is not null)
        {
            var chosen = discovery.Find(InterpreterRequest.Parse(python));
            if (required is not null && !required.Matches(chosen))
                throw new EnvToolException(
                    $"Python {chosen.FullVersion} ({chosen.Executable}) does not satisfy {source}'s requires-python '{requiresPython}'",
                    "choose a matching interpreter with --python, or leave --python out");
            return chosen;
        }
        var first = discovery.Find(InterpreterRequest.Any);
        return required is null || required.Matches(first) ? first : discovery.Find(required);
    }

    private static InterpreterRequest ParseRequired(string text, string source)
    {
        try
        {
            // A bare version ("3.11") is not a specifier set; requires-python must be one.
            return char.IsAsciiDigit(text.TrimStart().FirstOrDefault())
                ? throw new EnvToolException($"{source}: requires-python '{text}' is not a version specifier", $"write it as '>={text}'")
                : InterpreterRequest.Parse(text.Trim());
        }
        catch (Standards.ParseException e)
        {
            throw new EnvToolException($"{source}: invalid requires-python: {e.Message}", inner: e);
        }
    }
}
