namespace EnvTool.Python;

/// <summary>The version part of an interpreter request: which interpreter versions it accepts.</summary>
public abstract record PythonVersionRequest
{
    public abstract bool Matches(InterpreterInfo info);
}

/// <summary>
/// "3", "3.11", "3.11.7" or "3.13.0rc1": every version that starts with the given components.
/// A pre-release suffix only makes sense after all three numbers and must then match exactly.
/// </summary>
public sealed record PythonVersionPrefix(int Major, int? Minor = null, int? Micro = null, string? PreRelease = null)
    : PythonVersionRequest
{
    public override bool Matches(InterpreterInfo info) =>
        info.Major == Major
        && (Minor is null || info.Minor == Minor)
        && (Micro is null || info.Micro == Micro)
        && (PreRelease is null || info.FullVersion == $"{Major}.{Minor}.{Micro}{PreRelease}");

    public override string ToString() =>
        Major + (Minor is null ? "" : "." + Minor) + (Micro is null ? "" : "." + Micro) + PreRelease;
}
