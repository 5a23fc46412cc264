using System.Globalization;

namespace EnvTool.Environments.Trees;

/// <summary>envtool's own version (major.minor.patch), as trees record it in pyvenv.cfg.</summary>
/// <remarks>
/// The assembly version comes from a constant the build writes (envtool.csproj,
/// GenerateAssemblyVersionConstant): reading the assembly's name at run time goes through
/// reflection, 0.1 ms of every command that makes a tree or remembers a resolution.
/// </remarks>
internal static partial class EnvToolVersion
{
    internal static string Current { get; } = Format(Version.Parse(AssemblyVersion));

    private static string Format(Version v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}");
}
