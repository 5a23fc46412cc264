using System.ComponentModel;
using System.Diagnostics;
using EnvTool.Standards.Markers;

namespace EnvTool.Python;

/// <summary>
/// Asks one interpreter about itself by running it once with <see cref="InterpreterProbeScript"/>.
/// Callers normally go through <see cref="InterpreterCache"/>, which runs this only when the
/// executable changed.
/// </summary>
public static class InterpreterProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="executable"/> and reads its answer.</summary>
    /// <exception cref="UnsupportedInterpreterException">It is Python 2 or older than 3.6.</exception>
    /// <exception cref="InterpreterProbeException">It is missing, does not run, or is not a Python.</exception>
    public static InterpreterInfo Probe(string executable)
    {
        var path = Path.GetFullPath(executable);
        if (Directory.Exists(path))
            throw new InterpreterProbeException(path, "it is a directory", "name the interpreter inside it, e.g. " + Path.Combine(path, "bin", "python3"));
        if (!File.Exists(path))
            throw new InterpreterProbeException(path, "no such file", "check the path, or run `envtool python list` to see the interpreters found");
        var info = Interpret(path, Answer(path));
        return info with { MuslVersion = MuslVersion.Detect(info.RealExecutable) };
    }

    /// <summary>Runs the probe script in <paramref name="path"/> and returns its answer: the last line it printed.</summary>
    internal static string Answer(string path) => LastLine(Run(path)) ?? "";

    private static string? LastLine(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    private static string Run(string path)
    {
        // -E -s instead of -I: Python 2 has no -I, and it must still live long enough to say it is Python 2.
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var arg in new[] { "-E", "-s", "-B", "-c", InterpreterProbeScript.Source }) psi.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InterpreterProbeException(path, "it could not be started");
        }
        catch (Win32Exception e)
        {
            throw new InterpreterProbeException(path, e.Message.ToLowerInvariant(), inner: e);
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InterpreterProbeException(path, $"it did not answer within {Timeout.TotalSeconds:0} seconds");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var last = stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
                throw new InterpreterProbeException(path,
                    $"it exited with code {process.ExitCode}" + (last is null ? "" : $" ({last})"));
            }
            return stdout.Result;
        }
    }

    /// <summary>
    /// What <paramref name="answer"/> (the probe script's last line, fresh or cached) says about
    /// <paramref name="path"/>; all but <see cref="InterpreterInfo.MuslVersion"/>, which asks the
    /// musl loader (a process) and so is cached beside the answer.
    /// </summary>
    internal static InterpreterInfo Interpret(string path, string answer)
    {
        // Startup hooks (sitecustomize, .pth files) may print too; the script's answer is the last line.
        var o = answer.StartsWith('{') ? InterpreterProbeOutput.Parse(answer) : null;
        if (o is null)
            throw new InterpreterProbeException(path, "it did not answer like a Python interpreter");
        if (o.Unsupported is not null)
            throw new UnsupportedInterpreterException(path, o.Unsupported);

        string Need(string? value, string name) =>
            value ?? throw new InterpreterProbeException(path, $"its answer lacks '{name}'");
        var markers = o.Markers ?? throw new InterpreterProbeException(path, "its answer lacks 'markers'");
        string Marker(string name) =>
            markers.TryGetValue(name, out var v) ? v : throw new InterpreterProbeException(path, $"its answer lacks the marker '{name}'");
        if (o.VersionInfo is not { Length: 3 } version)
            throw new InterpreterProbeException(path, "its answer lacks 'version_info'");
        var realExecutable = Need(o.RealExecutable, "real_executable");
        if (realExecutable.Length == 0)
            throw new InterpreterProbeException(path, "it does not know its own executable (sys.executable is empty)");

        return new InterpreterInfo
        {
            Executable = path,
            RealExecutable = realExecutable,
            Implementation = Need(o.Implementation, "implementation"),
            Major = version[0],
            Minor = version[1],
            Micro = version[2],
            FullVersion = Need(o.FullVersion, "full_version"),
            CacheTag = o.CacheTag,
            MagicNumberHex = Need(o.MagicNumber, "magic_number"),
            Markers = new MarkerEnvironment(
                ImplementationName: Marker("implementation_name"),
                ImplementationVersion: Marker("implementation_version"),
                OsName: Marker("os_name"),
                PlatformMachine: Marker("platform_machine"),
                PlatformRelease: Marker("platform_release"),
                PlatformSystem: Marker("platform_system"),
                PlatformVersion: Marker("platform_version"),
                PythonFullVersion: Marker("python_full_version"),
                PlatformPythonImplementation: Marker("platform_python_implementation"),
                PythonVersion: Marker("python_version"),
                SysPlatform: Marker("sys_platform")),
            ConfigVars = o.ConfigVars ?? throw new InterpreterProbeException(path, "its answer lacks 'config_vars'"),
            SysconfigPlatform = Need(o.SysconfigPlatform, "sysconfig_platform"),
            PointerBits = o.PointerBits,
            HasTotalRefCount = o.HasTotalRefCount,
            GlibcVersion = o.GlibcVersion,
            MacOSVersion = o.MacVersion,
            BasePrefix = Need(o.BasePrefix, "base_prefix"),
            Prefix = Need(o.Prefix, "prefix"),
            Home = Need(o.Home, "home"),
            SitePackagesRelative = Need(o.SitePackages, "site_packages"),
            IncludeRelative = Need(o.Include, "include"),
            ScriptsRelative = Need(o.Scripts, "scripts"),
        };
    }
}
