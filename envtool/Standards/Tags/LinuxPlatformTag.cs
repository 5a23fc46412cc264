namespace EnvTool.Standards.Tags;

/// <summary>The C library a Linux platform tag promises compatibility with.</summary>
public enum LinuxLibc
{
    /// <summary><c>linux_ARCH</c>: built on some Linux, no portability promise.</summary>
    Unspecified,
    /// <summary><c>manylinux_X_Y_ARCH</c> (PEP 600) and its legacy aliases.</summary>
    Glibc,
    /// <summary><c>musllinux_X_Y_ARCH</c> (PEP 656).</summary>
    Musl,
}

/// <summary>
/// A Linux platform tag understood: which libc and minimum version it needs, for which architecture.
/// The legacy names map to glibc versions: manylinux1 = 2.5 (PEP 513), manylinux2010 = 2.12 (PEP 571),
/// manylinux2014 = 2.17 (PEP 599).
/// </summary>
public sealed record LinuxPlatformTag(LinuxLibc Libc, int Major, int Minor, string Arch)
{
    internal static readonly (string Name, int Major, int Minor)[] LegacyManylinux =
    [
        ("manylinux2014", 2, 17),
        ("manylinux2010", 2, 12),
        ("manylinux1", 2, 5),
    ];

    /// <summary>The legacy alias of a glibc version (manylinux1/2010/2014), or null.</summary>
    internal static string? LegacyAlias(int major, int minor)
    {
        foreach (var (name, ma, mi) in LegacyManylinux)
            if (ma == major && mi == minor) return name;
        return null;
    }

    /// <summary>Reads <c>manylinux_2_17_x86_64</c>, <c>manylinux2014_x86_64</c>, <c>musllinux_1_2_aarch64</c>,
    /// <c>linux_armv7l</c>; null for anything else (other operating systems, malformed versions).</summary>
    public static LinuxPlatformTag? TryParse(string platform)
    {
        foreach (var (name, major, minor) in LegacyManylinux)
            if (platform.StartsWith(name + "_", StringComparison.Ordinal) && platform.Length > name.Length + 1)
                return new(LinuxLibc.Glibc, major, minor, platform[(name.Length + 1)..]);
        if (platform.StartsWith("manylinux_", StringComparison.Ordinal))
            return WithVersion(LinuxLibc.Glibc, platform["manylinux_".Length..]);
        if (platform.StartsWith("musllinux_", StringComparison.Ordinal))
            return WithVersion(LinuxLibc.Musl, platform["musllinux_".Length..]);
        if (platform.StartsWith("linux_", StringComparison.Ordinal) && platform.Length > "linux_".Length)
            return new(LinuxLibc.Unspecified, 0, 0, platform["linux_".Length..]);
        return null;
    }

    private static LinuxPlatformTag? WithVersion(LinuxLibc libc, string rest)
    {
        // rest = "X_Y_ARCH"; the architecture itself may contain '_' (x86_64).
        var first = rest.IndexOf('_');
        if (first <= 0) return null;
        var second = rest.IndexOf('_', first + 1);
        if (second <= first + 1 || second == rest.Length - 1) return null;
        if (!TryNumber(rest.AsSpan(0, first), out var major) || !TryNumber(rest.AsSpan(first + 1, second - first - 1), out var minor))
            return null;
        return new(libc, major, minor, rest[(second + 1)..]);
    }

    private static bool TryNumber(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 6) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    public override string ToString() => Libc switch
    {
        LinuxLibc.Glibc => $"manylinux_{Major}_{Minor}_{Arch}",
        LinuxLibc.Musl => $"musllinux_{Major}_{Minor}_{Arch}",
        _ => $"linux_{Arch}",
    };
}
