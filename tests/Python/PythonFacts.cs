using System.Diagnostics;
using System.Text.Json;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Python;

/// <summary>
/// Asks an interpreter about itself with a script written independently of envtool's probe: markers
/// from the interpreter's own packaging (vendored in pip), glibc through ctypes, the magic number
/// through importlib.util. One process per interpreter.
/// </summary>
internal static class PythonFacts
{
    private const string Script = """
import ctypes, importlib.util, json, os, platform, sys, sysconfig
from pip._vendor.packaging.markers import default_environment
try:
    libc = ctypes.CDLL(None)
    libc.gnu_get_libc_version.restype = ctypes.c_char_p
    glibc = libc.gnu_get_libc_version().decode()
except (OSError, AttributeError):
    glibc = None
names = ['SOABI', 'EXT_SUFFIX', 'Py_DEBUG', 'WITH_PYMALLOC', 'Py_UNICODE_SIZE', 'Py_GIL_DISABLED',
         'py_version_nodot', 'MULTIARCH', 'LDVERSION']
all_vars = sysconfig.get_config_vars()
print(json.dumps({
    'markers': default_environment(),
    'config_vars': {n: (None if all_vars.get(n) is None else str(all_vars.get(n))) for n in names},
    'real_executable': os.path.realpath(sys.executable),
    'implementation': sys.implementation.name,
    'version': [sys.version_info.major, sys.version_info.minor, sys.version_info.micro],
    'full_version': platform.python_version(),
    'cache_tag': sys.implementation.cache_tag,
    'magic': importlib.util.MAGIC_NUMBER.hex(),
    'platform': sysconfig.get_platform(),
    'pointer_bits': 64 if sys.maxsize > 2 ** 32 else 32,
    'total_refcount': hasattr(sys, 'gettotalrefcount'),
    'glibc': glibc,
    'base_prefix': sys.base_prefix,
    'prefix': sys.prefix,
}))
""";

    public static JsonElement Ask(string python) => JsonDocument.Parse(Run(python, ["-c", Script])).RootElement;

    public static string Run(string program, IEnumerable<string> args, string? cwd = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cwd is not null) psi.WorkingDirectory = cwd;
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>pyenv's interpreter of a minor version, e.g. "3.10", or null.</summary>
    public static string? Pyenv(string minor) =>
        TestPythons.All.FirstOrDefault(p => p.Contains($"/.pyenv/versions/{minor}.", StringComparison.Ordinal));

    public static string RequirePyenv(string minor)
    {
        var p = Pyenv(minor);
        Skip.If(p is null, $"pyenv Python {minor} is not installed");
        return p!;
    }

    /// <summary>Writes an executable shell script (a stand-in that misbehaves, or a wrapper that runs a real Python).</summary>
    public static string WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public const string DebianPython = "/usr/bin/python3.11";

    public static void RequireDebian() => Skip.If(!File.Exists(DebianPython), $"{DebianPython} is not installed");
}
