using EnvTool.Store.Errors;

namespace EnvTool.Resolve;

/// <summary>The requirements have no solution; <see cref="Explanation"/> says why, as numbered sentences.</summary>
public sealed class ResolutionException : EnvToolException
{
    public ResolutionException(string explanation, string? hint = null)
        : base("No solution found when resolving dependencies:\n" + explanation, hint)
    {
        Explanation = explanation;
    }

    public string Explanation { get; }
}
