using EnvTool.Store.Errors;

namespace EnvTool.Standards.Markers;

/// <summary>A marker parsed but has no defined value: an undefined variable or an undefined comparison.</summary>
public sealed class MarkerEvaluationException : EnvToolException
{
    public MarkerEvaluationException(string marker, string problem)
        : base($"cannot evaluate marker '{marker}': {problem}")
    {
        Marker = marker;
        Problem = problem;
    }

    public string Marker { get; }
    public string Problem { get; }
}
