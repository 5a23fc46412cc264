using System.Globalization;
using EnvTool.Python;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Tags;
using EnvTool.Standards.Versions;
using EnvTool.Store.Errors;

namespace EnvTool.Resolve;

/// <summary>
/// The one environment a resolution is for: the marker values requirements are evaluated with, the
/// wheel tags it accepts, and the Python version each candidate's Requires-Python is checked against.
/// </summary>
public sealed record ResolveTarget(MarkerEnvironment Environment, SupportedTags Tags, Pep440Version PythonVersion)
{
    /// <summary>The target of a real interpreter (what it reports about itself).</summary>
    public static ResolveTarget For(InterpreterInfo interpreter) =>
        new(interpreter.Markers, SupportedTags.For(interpreter), Pep440Version.Parse(interpreter.FullVersion));

    /// <summary>
    /// The target of a CPython of <paramref name="version"/> ("3.8" or "3.8.10"; a missing patch number is
    /// read as 0, as uv does) on this machine, with no such interpreter installed (<c>--python-version</c>):
    /// platform markers come from this machine, tags are those a CPython of that version would accept
    /// here (this machine's glibc or musl). Linux only for now.
    /// </summary>
    public static ResolveTarget ForPythonVersion(string version)
    {
        var parts = version.Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) || parts[0] != "3")
            throw new EnvToolException($"invalid Python version '{version}'", "give a version like 3.12 or 3.12.4");
        int minor = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int micro = parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0;
        var host = HostPlatform.Detect();
        var full = $"3.{minor}.{micro}";
        var markers = new MarkerEnvironment(
            ImplementationName: "cpython",
            ImplementationVersion: full,
            OsName: "posix",
            PlatformMachine: host.Machine,
            PlatformRelease: host.Release,
            PlatformSystem: "Linux",
            PlatformVersion: host.KernelVersion,
            PythonFullVersion: full,
            PlatformPythonImplementation: "CPython",
            PythonVersion: $"3.{minor}",
            SysPlatform: "linux");
        var platforms = PlatformTags.Linux($"linux-{host.Machine}", is32Bit: false, host.Glibc, host.Musl).ToList();
        // CPython before 3.8 built with pymalloc, which its ABI tag spells "m".
        IReadOnlyList<string> abis = minor >= 8 ? [$"cp3{minor}"] : [$"cp3{minor}m"];
        var tags = InterpreterTags.CPython(3, minor, abis, platforms)
            .Concat(InterpreterTags.Compatible(3, minor, $"cp3{minor}", platforms));
        return new ResolveTarget(markers, new SupportedTags(tags), Pep440Version.Parse(full));
    }
}
