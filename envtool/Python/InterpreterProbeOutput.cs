using System.Text.Json;

namespace EnvTool.Python;

/// <summary>
/// The JSON object <see cref="InterpreterProbeScript"/> prints, in the script's own (Python) names.
/// Read with <see cref="JsonDocument"/> rather than a serializer context: the cache hands this answer
/// back on every command, and building a context's type metadata costs more than the rest of reading
/// it (1.5 ms of a warm `envtool create`, measured).
/// </summary>
internal sealed class InterpreterProbeOutput
{
    /// <summary>Set instead of everything else when the interpreter is too old; its version.</summary>
    public string? Unsupported { get; private init; }

    public string? SysExecutable { get; private init; }
    public string? RealExecutable { get; private init; }
    public string? Implementation { get; private init; }
    public int[]? VersionInfo { get; private init; }
    public string? FullVersion { get; private init; }
    public string? CacheTag { get; private init; }
    public string? MagicNumber { get; private init; }
    public Dictionary<string, string>? Markers { get; private init; }
    public Dictionary<string, string?>? ConfigVars { get; private init; }
    public string? SysconfigPlatform { get; private init; }
    public int PointerBits { get; private init; }
    public bool HasTotalRefCount { get; private init; }
    public string? GlibcVersion { get; private init; }
    public string? MacVersion { get; private init; }
    public string? BasePrefix { get; private init; }
    public string? Prefix { get; private init; }
    public string? Home { get; private init; }
    public string? SitePackages { get; private init; }
    public string? Include { get; private init; }
    public string? Scripts { get; private init; }

    /// <summary>The answer in <paramref name="json"/>; null when it is not a JSON object of that shape.</summary>
    public static InterpreterProbeOutput? Parse(string json)
    {
        try
        {
            // From UTF-8 bytes, not the string: parsing a string rents a transcoding buffer from the
            // shared array pool beside the document's own, and returning two arrays of one size
            // makes the pool calibrate its per-core partitions (ProcessorIdCache: 0.2 ms, a
            // twentieth of an empty create, measured with perf).
            using var document = JsonDocument.Parse(System.Text.Encoding.UTF8.GetBytes(json));
            var o = document.RootElement;
            if (o.ValueKind != JsonValueKind.Object) return null;
            return new InterpreterProbeOutput
            {
                Unsupported = Text(o, "unsupported"),
                SysExecutable = Text(o, "sys_executable"),
                RealExecutable = Text(o, "real_executable"),
                Implementation = Text(o, "implementation"),
                VersionInfo = Get(o, "version_info") is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray().Select(e => e.GetInt32()).ToArray() : null,
                FullVersion = Text(o, "full_version"),
                CacheTag = Text(o, "cache_tag"),
                MagicNumber = Text(o, "magic_number"),
                Markers = Get(o, "markers") is { ValueKind: JsonValueKind.Object } m
                    ? m.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? throw new FormatException(p.Name), StringComparer.Ordinal)
                    : null,
                ConfigVars = Get(o, "config_vars") is { ValueKind: JsonValueKind.Object } c
                    ? c.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal)
                    : null,
                SysconfigPlatform = Text(o, "sysconfig_platform"),
                PointerBits = Get(o, "pointer_bits")?.GetInt32() ?? 0,
                HasTotalRefCount = Get(o, "has_total_refcount")?.GetBoolean() ?? false,
                GlibcVersion = Text(o, "glibc_version"),
                MacVersion = Text(o, "mac_version"),
                BasePrefix = Text(o, "base_prefix"),
                Prefix = Text(o, "prefix"),
                Home = Text(o, "home"),
                SitePackages = Text(o, "site_packages"),
                Include = Text(o, "include"),
                Scripts = Text(o, "scripts"),
            };
        }
        // A value of the wrong kind (GetString on a number, GetInt32 on a string) is as bad as broken JSON.
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static JsonElement? Get(JsonElement o, string name) =>
        o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement o, string name) => Get(o, name)?.GetString();
}
