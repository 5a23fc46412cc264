namespace EnvTool.Resolve.PubGrub;

/// <summary>
/// What the solver picks versions for: a distribution (by normalized name), one of its extras as a
/// virtual package that pins the distribution to the same version and adds the extra's requirements,
/// or the root that stands for the user's requirements.
/// </summary>
internal sealed record SolverPackage(string Name, string? Extra)
{
    public static SolverPackage Root { get; } = new("", null);

    public static SolverPackage Base(string name) => new(name, null);

    public bool IsRoot => Name.Length == 0;

    public SolverPackage WithoutExtra => Extra is null ? this : new(Name, null);

    public override string ToString() => IsRoot ? "your requirements" : Extra is null ? Name : $"{Name}[{Extra}]";
}
