using System.Diagnostics;
using System.Text.Json;
using EnvTool.Python;
using EnvTool.Standards.Markers;

namespace EnvTool.Tests.Tags;

/// <summary>
/// Asks a real interpreter for the facts <see cref="InterpreterInfo"/> holds. Stand-in for
/// <c>envtool/Python/InterpreterProbe</c> (written on another branch): swap <see cref="Probe"/> for it.
/// </summary>
internal static class InterpreterFacts
{
    private const string Snippet = """
import sys, os, json, sysconfig, platform, struct, importlib.util
def cv(name):
    value = sysconfig.get_config_var(name)
    return None if value is None else str(value)
def full_version(info):
    version = "{0.major}.{0.minor}.{0.micro}".format(info)
    if info.releaselevel != "final":
        version += info.releaselevel[0] + str(info.serial)
    return version
glibc = None
try:
    found = os.confstr("CS_GNU_LIBC_VERSION")
    if found:
        glibc = found.split()[-1]
except (AttributeError, ValueError, OSError):
    pass
paths = sysconfig.get_paths(vars={"base": "@", "platbase": "@", "installed_base": "@", "installed_platbase": "@"})
print(json.dumps({
    "executable": sys.executable,
    "real_executable": os.path.realpath(sys.executable),
    "implementation": sys.implementation.name,
    "version": list(sys.version_info[:3]),
    "full_version": platform.python_version(),
    "cache_tag": sys.implementation.cache_tag,
    "magic": importlib.util.MAGIC_NUMBER.hex(),
    "markers": [sys.implementation.name, full_version(sys.implementation.version), os.name,
                platform.machine(), platform.release(), platform.system(), platform.version(),
                platform.python_version(), platform.python_implementation(),
                ".".join(platform.python_version_tuple()[:2]), sys.platform],
    "config": {n: cv(n) for n in ["SOABI", "EXT_SUFFIX", "Py_DEBUG", "WITH_PYMALLOC", "Py_UNICODE_SIZE",
                                  "Py_GIL_DISABLED", "py_version_nodot", "MULTIARCH", "LDVERSION"]},
    "sysconfig_platform": sysconfig.get_platform(),
    "pointer_bits": struct.calcsize("P") * 8,
    "has_total_refcount": hasattr(sys, "gettotalrefcount"),
    "glibc": glibc,
    "musl": None,
    "mac": platform.mac_ver()[0] or None,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "prefix": sys.prefix,
    "site_packages": os.path.relpath(paths["purelib"], "@"),
    "include": os.path.relpath(paths["include"], "@"),
}))
""";

    public static InterpreterInfo Probe(string python)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-I", "-c", Snippet }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{python} failed: {stderr}");
        var root = JsonDocument.Parse(stdout).RootElement;
        string? Str(string name) => root.GetProperty(name).ValueKind == JsonValueKind.Null ? null : root.GetProperty(name).GetString();
        var version = root.GetProperty("version").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var m = root.GetProperty("markers").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var executable = Str("executable")!;
        return new InterpreterInfo
        {
            Executable = python,
            RealExecutable = Str("real_executable")!,
            Implementation = Str("implementation")!,
            Major = version[0],
            Minor = version[1],
            Micro = version[2],
            FullVersion = Str("full_version")!,
            CacheTag = Str("cache_tag"),
            MagicNumberHex = Str("magic")!,
            Markers = new MarkerEnvironment(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10]),
            ConfigVars = root.GetProperty("config").EnumerateObject().ToDictionary(
                p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()),
            SysconfigPlatform = Str("sysconfig_platform")!,
            PointerBits = root.GetProperty("pointer_bits").GetInt32(),
            HasTotalRefCount = root.GetProperty("has_total_refcount").GetBoolean(),
            GlibcVersion = Str("glibc"),
            MuslVersion = Str("musl"),
            MacOSVersion = Str("mac"),
            BasePrefix = Str("base_prefix")!,
            Prefix = Str("prefix")!,
            Home = Path.GetDirectoryName(executable)!,
            SitePackagesRelative = Str("site_packages")!,
            IncludeRelative = Str("include")!,
        };
    }
}
