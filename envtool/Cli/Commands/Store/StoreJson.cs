using System.Text.Json.Serialization;
using EnvTool.Store.Info;

namespace EnvTool.Cli.Commands.Store;

internal sealed record StoreListRow(
    string Name, string Version, string FileName, string Sha256, long Size, IReadOnlyList<string> Tags,
    DateTimeOffset ImportedAt, DateTimeOffset LastUsedAt, bool HasEntry, bool Retained);

internal sealed record StoreListOutput(IReadOnlyList<StoreListRow> Artifacts);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoreListOutput))]
[JsonSerializable(typeof(StoreInfo))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
