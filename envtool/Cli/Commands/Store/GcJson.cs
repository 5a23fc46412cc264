using System.Text.Json.Serialization;
using EnvTool.Store.Gc;

namespace EnvTool.Cli.Commands.Store;

/// <summary>What `store gc --format json` prints: the report plus a count per kind of thing removed.</summary>
internal sealed record GcOutput(
    bool DryRun, long FreedBytes, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<GcItem> Items, IReadOnlyList<string> Notes,
    long? MaxSize, long? StoreBytesBefore, long? StoreBytesAfter, bool Fits);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GcOutput))]
[JsonSerializable(typeof(DiskUsageReport))]
internal sealed partial class GcJsonContext : JsonSerializerContext;
