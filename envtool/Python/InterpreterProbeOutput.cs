using System.Text.Json.Serialization;

namespace EnvTool.Python;

/// <summary>The JSON object <see cref="InterpreterProbeScript"/> prints, in the script's own (Python) names.</summary>
internal sealed class InterpreterProbeOutput
{
    /// <summary>Set instead of everything else when the interpreter is too old; its version.</summary>
    [JsonPropertyName("unsupported")] public string? Unsupported { get; set; }

    [JsonPropertyName("sys_executable")] public string? SysExecutable { get; set; }
    [JsonPropertyName("real_executable")] public string? RealExecutable { get; set; }
    [JsonPropertyName("implementation")] public string? Implementation { get; set; }
    [JsonPropertyName("version_info")] public int[]? VersionInfo { get; set; }
    [JsonPropertyName("full_version")] public string? FullVersion { get; set; }
    [JsonPropertyName("cache_tag")] public string? CacheTag { get; set; }
    [JsonPropertyName("magic_number")] public string? MagicNumber { get; set; }
    [JsonPropertyName("markers")] public Dictionary<string, string>? Markers { get; set; }
    [JsonPropertyName("config_vars")] public Dictionary<string, string?>? ConfigVars { get; set; }
    [JsonPropertyName("sysconfig_platform")] public string? SysconfigPlatform { get; set; }
    [JsonPropertyName("pointer_bits")] public int PointerBits { get; set; }
    [JsonPropertyName("has_total_refcount")] public bool HasTotalRefCount { get; set; }
    [JsonPropertyName("glibc_version")] public string? GlibcVersion { get; set; }
    [JsonPropertyName("mac_version")] public string? MacVersion { get; set; }
    [JsonPropertyName("base_prefix")] public string? BasePrefix { get; set; }
    [JsonPropertyName("prefix")] public string? Prefix { get; set; }
    [JsonPropertyName("home")] public string? Home { get; set; }
    [JsonPropertyName("site_packages")] public string? SitePackages { get; set; }
    [JsonPropertyName("include")] public string? Include { get; set; }
    [JsonPropertyName("scripts")] public string? Scripts { get; set; }
}

[JsonSerializable(typeof(InterpreterProbeOutput))]
internal sealed partial class InterpreterProbeJsonContext : JsonSerializerContext;
