using System.Text.Json.Serialization;

namespace EnvTool.Cli.Commands.Environments;

internal sealed record PackageRow(string Name, string Version, bool Requested);

internal sealed record ListOutput(string Path, int Generation, string Python, string LinkMode, bool Compile, IReadOnlyList<PackageRow> Packages);

internal sealed record ChangeRow(string Kind, string Name, string? Before, string? After);

internal sealed record GenerationRow(
    int Number, int? Parent, bool Current, DateTimeOffset CreatedAt, string Command, int? Restores, string Tree, IReadOnlyList<ChangeRow> Changes);

internal sealed record HistoryOutput(string Path, int Current, IReadOnlyList<GenerationRow> Generations);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ListOutput))]
[JsonSerializable(typeof(HistoryOutput))]
internal sealed partial class EnvironmentJsonContext : JsonSerializerContext;
