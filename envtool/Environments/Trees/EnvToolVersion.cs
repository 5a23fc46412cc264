using System.Globalization;

namespace EnvTool.Environments.Trees;

/// <summary>envtool's own version (major.minor.patch), as trees record it in pyvenv.cfg.</summary>
internal static class EnvToolVersion
{
    internal static string Current { get; } = Format(typeof(EnvToolVersion).Assembly.GetName().Version);

    private static string Format(Version? v) => v is null
        ? "0.0.0"
        : string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{Math.Max(v.Build, 0)}");
}
