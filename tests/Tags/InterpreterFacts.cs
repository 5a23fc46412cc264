using EnvTool.Python;

namespace EnvTool.Tests.Tags;

/// <summary>What a real interpreter reports, through envtool's own probe (no cache: tests stay independent).</summary>
internal static class InterpreterFacts
{
    public static InterpreterInfo Probe(string python) => InterpreterProbe.Probe(python);
}
