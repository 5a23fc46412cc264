using EnvTool.Standards.Versions;

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

/// <summary>
/// "&gt;=3.10,&lt;3.12": a PEP 440 specifier set over the interpreter's version. Pre-releases may match;
/// discovery prefers final releases when both do.
/// </summary>
public sealed record PythonVersionSpecifiers(SpecifierSet Specifiers) : PythonVersionRequest
{
    public override bool Matches(InterpreterInfo info) =>
        // A development build says "3.14.0a1+": the '+' marks local changes, not a PEP 440 local label.
        Pep440Version.TryParse(info.FullVersion.TrimEnd('+'), out var version)
        && Specifiers.Contains(version!, prereleases: true);

    public override string ToString() => Specifiers.ToString();
}
