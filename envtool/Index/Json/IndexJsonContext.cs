using System.Text.Json.Serialization;
using EnvTool.Index.Http;

namespace EnvTool.Index.Json;

/// <summary>Source-generated (AOT-safe) serialization for the simple API's JSON and the HTTP cache's header files.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimpleApiPage))]
[JsonSerializable(typeof(CacheHeader))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
