using EnvTool.Python;

namespace EnvTool.Standards.Tags;

/// <summary>
/// The platform tags an interpreter accepts, most specific first, as <c>packaging.tags.platform_tags()</c>
/// yields them (packaging 24.x rules; see <see cref="SupportedTags"/> for the differences to older packaging).
/// </summary>
public static class PlatformTags
{
    /// <summary>Glibc 2.x is the only major so far; for later majors every minor up to this is assumed
    /// to exist, as packaging assumes.</summary>
    private const int LastMinorOfOlderGlibcMajor = 50;

    private static readonly HashSet<string> ManylinuxArchs =
        ["x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64"];

    public static IReadOnlyList<string> For(InterpreterInfo info)
    {
        var is32Bit = info.PointerBits == 32;
        switch (info.Markers.PlatformSystem)
        {
            case "Darwin":
                var version = ParseMajorMinor(info.MacOSVersion)
                    ?? throw new InvalidOperationException(
                        $"interpreter {info.Executable} runs on macOS but reported no macOS version");
                return [.. MacOS(version.Major, version.Minor, MacArch(info.Markers.PlatformMachine, is32Bit))];
            case "Linux":
                return [.. Linux(info.SysconfigPlatform, is32Bit, ParseMajorMinor(info.GlibcVersion), ParseMajorMinor(info.MuslVersion))];
            default:
                // Windows and everything else: the sysconfig platform is the only tag.
                return [Normalize(info.SysconfigPlatform)];
        }
    }

    /// <summary>
    /// Linux: manylinux tags (newest glibc first, each legacy alias right after its PEP 600 name), then
    /// musllinux tags, then <c>linux_ARCH</c>. A 32-bit interpreter on a 64-bit kernel reports the kernel's
    /// architecture, so x86_64 becomes i686 and aarch64 becomes armv8l (which also runs armv7l wheels).
    /// </summary>
    public static IEnumerable<string> Linux(string sysconfigPlatform, bool is32Bit, (int Major, int Minor)? glibc, (int Major, int Minor)? musl)
    {
        var linux = Normalize(sysconfigPlatform);
        if (!linux.StartsWith("linux_", StringComparison.Ordinal))
        {
            yield return linux;
            yield break;
        }
        if (is32Bit)
            linux = linux switch
            {
                "linux_x86_64" => "linux_i686",
                "linux_aarch64" => "linux_armv8l",
                _ => linux,
            };
        var arch = linux["linux_".Length..];
        string[] archs = arch == "armv8l" ? ["armv8l", "armv7l"] : [arch];
        if (glibc is { } g)
            foreach (var tag in Manylinux(archs, g.Major, g.Minor)) yield return tag;
        if (musl is { } m)
            foreach (var tag in Musllinux(archs, m.Major, m.Minor)) yield return tag;
        foreach (var a in archs) yield return "linux_" + a;
    }

    /// <summary>
    /// PEP 600 tags for every glibc from the running one down to the oldest manylinux supports on the
    /// architecture (2.5 on x86, 2.17 elsewhere).
    /// </summary>
    /// <remarks>
    /// packaging also asks an importable <c>_manylinux</c> module (a distributor's override) whether each
    /// version is compatible; that module is a property of one installation, not of the interpreter's
    /// reported facts, and we ignore it. packaging checks the interpreter's ELF header for i686 (32-bit
    /// x86) and armv7l (hard-float EABI5) before offering manylinux; we trust the reported architecture
    /// and pointer size instead, so an armv7l soft-float build would wrongly get manylinux tags.
    /// </remarks>
    public static IEnumerable<string> Manylinux(IReadOnlyList<string> archs, int glibcMajor, int glibcMinor)
    {
        if (!archs.Any(a => ManylinuxArchs.Contains(a) || a is "i686" or "armv7l"))
            yield break;
        var oldestMinorOfMajor2 = archs.Any(a => a is "x86_64" or "i686") ? 5 : 17;
        foreach (var arch in archs)
            // The running glibc's major, then every older major down to 2.
            for (var major = glibcMajor; major == glibcMajor || major >= 2; major--)
            {
                var newestMinor = major == glibcMajor ? glibcMinor : LastMinorOfOlderGlibcMajor;
                var oldestMinor = major == 2 ? oldestMinorOfMajor2 : 0;
                for (var minor = newestMinor; minor >= oldestMinor; minor--)
                {
                    yield return $"manylinux_{major}_{minor}_{arch}";
                    if (LinuxPlatformTag.LegacyAlias(major, minor) is { } legacy)
                        yield return $"{legacy}_{arch}";
                }
            }
    }

    /// <summary>PEP 656 tags for every musl 1.x from the running minor down to 0.</summary>
    public static IEnumerable<string> Musllinux(IReadOnlyList<string> archs, int muslMajor, int muslMinor)
    {
        foreach (var arch in archs)
            for (var minor = muslMinor; minor >= 0; minor--)
                yield return $"musllinux_{muslMajor}_{minor}_{arch}";
    }

    /// <summary>macOS tags as <c>packaging.tags.mac_platforms(version, arch)</c>: each OS version from the
    /// running one down, with the fat/intel/universal binary formats each version could load.</summary>
    public static IEnumerable<string> MacOS(int major, int minor, string arch)
    {
        if (major == 10)
            for (var m = minor; m >= 0; m--)
                foreach (var format in MacBinaryFormats(10, m, arch))
                    yield return $"macosx_10_{m}_{format}";
        if (major >= 11)
        {
            for (var ma = major; ma > 10; ma--)
                foreach (var format in MacBinaryFormats(ma, 0, arch))
                    yield return $"macosx_{ma}_0_{format}";
            // x86_64 runs every older x86_64 binary; arm64 only universal2 ones that also carry arm64.
            for (var m = 16; m > 3; m--)
            {
                if (arch == "x86_64")
                    foreach (var format in MacBinaryFormats(10, m, arch))
                        yield return $"macosx_10_{m}_{format}";
                else
                    yield return $"macosx_10_{m}_universal2";
            }
        }
    }

    private static int Compare(int major, int minor, int otherMajor, int otherMinor) =>
        major != otherMajor ? major.CompareTo(otherMajor) : minor.CompareTo(otherMinor);

    /// <summary>The machine name a 32-bit interpreter on macOS really runs as.</summary>
    public static string MacArch(string machine, bool is32Bit) =>
        !is32Bit ? machine : machine.StartsWith("ppc", StringComparison.Ordinal) ? "ppc" : "i386";

    private static List<string> MacBinaryFormats(int major, int minor, string arch)
    {
        var before10_4 = Compare(major, minor, 10, 4) < 0;
        var formats = new List<string> { arch };
        switch (arch)
        {
            case "x86_64":
                if (before10_4) return [];
                formats.AddRange(["intel", "fat64", "fat32"]);
                break;
            case "i386":
                if (before10_4) return [];
                formats.AddRange(["intel", "fat32", "fat"]);
                break;
            case "ppc64":
                if (before10_4 || Compare(major, minor, 10, 5) > 0) return [];
                formats.Add("fat64");
                break;
            case "ppc":
                if (Compare(major, minor, 10, 6) > 0) return [];
                formats.AddRange(["fat32", "fat"]);
                break;
        }
        if (arch is "arm64" or "x86_64") formats.Add("universal2");
        if (arch is "x86_64" or "i386" or "ppc64" or "ppc" or "intel") formats.Add("universal");
        return formats;
    }

    /// <summary>sysconfig platform → tag form: '.', '-' and ' ' become '_'; packaging leaves case to <see cref="Tag"/>.</summary>
    public static string Normalize(string platform) =>
        platform.Replace('.', '_').Replace('-', '_').Replace(' ', '_');

    /// <summary>"2.36" → (2, 36); "1.2.4" → (1, 2); leading digits only, as packaging's regex reads
    /// versions such as "2.20-2014.11". Null when absent or unreadable (then no such tags are offered).</summary>
    internal static (int Major, int Minor)? ParseMajorMinor(string? version)
    {
        if (version is null) return null;
        var i = 0;
        if (!ReadNumber(version, ref i, out var major) || i >= version.Length || version[i] != '.') return null;
        i++;
        return ReadNumber(version, ref i, out var minor) ? (major, minor) : null;
    }

    private static bool ReadNumber(string s, ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < 9)
            value = value * 10 + (s[i++] - '0');
        return i > start;
    }
}
