using EnvTool.Standards.Markers;

namespace EnvTool.Python;

/// <summary>
/// What one interpreter reports about itself, asked once (see <c>InterpreterProbe</c>) and cached by
/// executable path and modification time. Everything needed to evaluate markers, compute the supported
/// tag list and lay out a venv, without running Python again.
/// </summary>
public sealed record InterpreterInfo
{
    /// <summary>The path that was asked (may be a symlink, e.g. a pyenv shim target).</summary>
    public required string Executable { get; init; }
    /// <summary><c>os.path.realpath(sys.executable)</c>.</summary>
    public required string RealExecutable { get; init; }
    /// <summary><c>sys.implementation.name</c>, e.g. "cpython", "pypy".</summary>
    public required string Implementation { get; init; }
    /// <summary><c>sys.version_info</c> as (major, minor, micro).</summary>
    public required int Major { get; init; }
    public required int Minor { get; init; }
    public required int Micro { get; init; }
    /// <summary><c>platform.python_version()</c>, e.g. "3.11.7" or "3.13.0rc1".</summary>
    public required string FullVersion { get; init; }
    /// <summary><c>sys.implementation.cache_tag</c>, e.g. "cpython-311" (null when bytecode caching is off).</summary>
    public string? CacheTag { get; init; }
    /// <summary><c>importlib.util.MAGIC_NUMBER</c> as lowercase hex.</summary>
    public required string MagicNumberHex { get; init; }
    public required MarkerEnvironment Markers { get; init; }

    // What packaging.tags needs.
    /// <summary><c>sysconfig.get_config_var(...)</c> values as strings (null when unset): SOABI, EXT_SUFFIX,
    /// Py_DEBUG, WITH_PYMALLOC, Py_UNICODE_SIZE, Py_GIL_DISABLED, py_version_nodot, MULTIARCH, LDVERSION.</summary>
    public required IReadOnlyDictionary<string, string?> ConfigVars { get; init; }
    /// <summary><c>sysconfig.get_platform()</c>, e.g. "linux-x86_64".</summary>
    public required string SysconfigPlatform { get; init; }
    /// <summary><c>struct.calcsize("P") * 8</c>.</summary>
    public required int PointerBits { get; init; }
    /// <summary><c>hasattr(sys, "gettotalrefcount")</c>.</summary>
    public required bool HasTotalRefCount { get; init; }
    /// <summary>glibc version from <c>os.confstr("CS_GNU_LIBC_VERSION")</c>, e.g. "2.36"; null on non-glibc.</summary>
    public string? GlibcVersion { get; init; }
    /// <summary>musl version from the interpreter's ELF program interpreter, e.g. "1.2.4"; null on glibc.</summary>
    public string? MuslVersion { get; init; }
    /// <summary>macOS version from <c>platform.mac_ver()[0]</c>, e.g. "14.2.1"; null elsewhere. When it reads
    /// "10.16" (an interpreter built against an old SDK), ask again with SYSTEM_VERSION_COMPAT=0 as
    /// packaging does, to get the real version.</summary>
    public string? MacOSVersion { get; init; }

    // What a venv needs.
    /// <summary><c>sys.base_prefix</c> (the installation a venv points at).</summary>
    public required string BasePrefix { get; init; }
    /// <summary><c>sys.prefix</c>; differs from BasePrefix when the interpreter itself runs in a venv.</summary>
    public required string Prefix { get; init; }
    /// <summary>The directory of the base interpreter binary (what pyvenv.cfg calls <c>home</c>).</summary>
    public required string Home { get; init; }
    /// <summary>The venv scheme's <c>purelib</c> relative to the venv root, e.g. "lib/python3.11/site-packages".</summary>
    public required string SitePackagesRelative { get; init; }
    /// <summary>The venv scheme's <c>include</c> relative to the venv root for headers.</summary>
    public required string IncludeRelative { get; init; }

    public string ShortVersion => $"{Major}.{Minor}";
    public bool IsVirtualEnv => BasePrefix != Prefix;
}
