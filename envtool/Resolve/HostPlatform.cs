using System.Runtime.InteropServices;
using EnvTool.Python;
using EnvTool.Standards.Tags;
using EnvTool.Store.Errors;

namespace EnvTool.Resolve;

/// <summary>What this machine is, for targets synthesized without an interpreter (uname and libc facts).</summary>
internal sealed partial record HostPlatform(string Machine, string Release, string KernelVersion, (int Major, int Minor)? Glibc, (int Major, int Minor)? Musl)
{
    public static HostPlatform Detect()
    {
        if (!OperatingSystem.IsLinux())
            throw new EnvToolException("resolving for a Python version without an interpreter is only supported on Linux",
                "point envtool at an interpreter with --python instead");
        var machine = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "armv7l",
            Architecture.Ppc64le => "ppc64le",
            Architecture.S390x => "s390x",
            Architecture.RiscV64 => "riscv64",
            Architecture.LoongArch64 => "loongarch64",
            var other => other.ToString().ToLowerInvariant(),
        };
        var glibc = PlatformTags.ParseMajorMinor(GlibcVersion());
        var musl = glibc is null && Environment.ProcessPath is { } self ? PlatformTags.ParseMajorMinor(MuslVersion.Detect(self)) : null;
        return new HostPlatform(machine, ReadProc("osrelease"), ReadProc("version"), glibc, musl);
    }

    private static string ReadProc(string name)
    {
        try { return File.ReadAllText($"/proc/sys/kernel/{name}").Trim(); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static string? GlibcVersion()
    {
        try { return Marshal.PtrToStringUTF8(gnu_get_libc_version()); }
        catch (EntryPointNotFoundException) { return null; }
        catch (DllNotFoundException) { return null; }
    }

    [LibraryImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr gnu_get_libc_version();
}
