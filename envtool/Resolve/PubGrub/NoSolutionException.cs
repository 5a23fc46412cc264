namespace EnvTool.Resolve.PubGrub;

/// <summary>Thrown inside the solver when it derives a terminal incompatibility; carries the derivation.</summary>
internal sealed class NoSolutionException(Incompatibility terminal) : Exception("no solution")
{
    public Incompatibility Terminal { get; } = terminal;
}
