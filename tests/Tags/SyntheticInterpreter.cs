using EnvTool.Python;

namespace EnvTool.Tests.Tags;

/// <summary>Builds the facts of an interpreter that is not on this machine (another version, a debug or
/// free-threaded build, another OS), to drive the tag generators as packaging's own tests do.</summary>
internal static class SyntheticInterpreter
{
    /// <summary>An interpreter that does not exist, described by the facts packaging reads.</summary>
    public static InterpreterInfo Info(string implementation, int major, int minor, IReadOnlyDictionary<string, string?> config, bool refcount,
        string platform = "linux-x86_64", string system = "Linux", int pointerBits = 64, string? glibc = "2.36", string? musl = null, string? mac = null) => new()
    {
        Executable = "/nonexistent/python",
        RealExecutable = "/nonexistent/python",
        Implementation = implementation,
        Major = major,
        Minor = minor,
        Micro = 0,
        FullVersion = $"{major}.{minor}.0",
        MagicNumberHex = "00000000",
        Markers = new(implementation, $"{major}.{minor}.0", "posix", "x86_64", "", system, "", $"{major}.{minor}.0", "CPython", $"{major}.{minor}", system.ToLowerInvariant()),
        ConfigVars = config,
        SysconfigPlatform = platform,
        PointerBits = pointerBits,
        HasTotalRefCount = refcount,
        GlibcVersion = glibc,
        MuslVersion = musl,
        MacOSVersion = mac,
        BasePrefix = "/nonexistent",
        Prefix = "/nonexistent",
        Home = "/nonexistent",
        SitePackagesRelative = "lib/site-packages",
        IncludeRelative = "include",
    };
}
