using System.Buffers;
using System.Text;
using System.Text.Json;
using EnvTool.Store.Environments;
using EnvTool.Store.IO;

namespace EnvTool.Store.Catalog;

/// <summary>
/// The generations.changes column (schema step 7): a JSON array of <c>[kind, name, before, after]</c>,
/// kind one of "added", "removed", "changed", before/after null where they do not apply, in the order
/// the changes were given.
/// </summary>
internal static class GenerationChangesJson
{
    private const string Empty = "[]";

    // Names and versions as they are ('+' in a local version stays '+'): the column stays readable
    // with the sqlite3 shell, and SQLite's json_array (which migrated old rows) writes them so too.
    private static readonly JsonWriterOptions WriterOptions = PlainJsonEncoder.WriterOptions();

    internal static string Write(IReadOnlyList<GenerationChange> changes)
    {
        if (changes.Count == 0) return Empty;
        var buffer = new ArrayBufferWriter<byte>(changes.Count * 48);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var change in changes)
            {
                json.WriteStartArray();
                json.WriteStringValue(KindText(change.Kind));
                json.WriteStringValue(change.Name);
                WriteOptional(json, change.Before);
                WriteOptional(json, change.After);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="FormatException">The text is not such an array.</exception>
    internal static IReadOnlyList<GenerationChange> Parse(string text)
    {
        if (text == Empty) return [];
        var changes = new List<GenerationChange>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        try
        {
            Expect(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) == JsonTokenType.StartArray)
            {
                var kind = ParseKind(RequiredString(ref reader));
                var name = RequiredString(ref reader);
                var before = OptionalString(ref reader);
                var after = OptionalString(ref reader);
                Expect(ref reader, JsonTokenType.EndArray);
                changes.Add(new GenerationChange(kind, name, before, after));
            }
            if (reader.TokenType != JsonTokenType.EndArray) throw new FormatException($"expected ']' or '[', found {reader.TokenType}");
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
        return changes;
    }

    private static void WriteOptional(Utf8JsonWriter json, string? value)
    {
        if (value is null) json.WriteNullValue();
        else json.WriteStringValue(value);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new FormatException("the array ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (Next(ref reader) != expected) throw new FormatException($"expected {expected}, found {reader.TokenType}");
    }

    private static string RequiredString(ref Utf8JsonReader reader) =>
        Next(ref reader) == JsonTokenType.String ? reader.GetString()! : throw new FormatException($"expected a string, found {reader.TokenType}");

    private static string? OptionalString(ref Utf8JsonReader reader) => Next(ref reader) switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        var other => throw new FormatException($"expected a string or null, found {other}"),
    };

    private static string KindText(GenerationChangeKind kind) => kind switch
    {
        GenerationChangeKind.Added => "added",
        GenerationChangeKind.Removed => "removed",
        _ => "changed",
    };

    private static GenerationChangeKind ParseKind(string text) => text switch
    {
        "added" => GenerationChangeKind.Added,
        "removed" => GenerationChangeKind.Removed,
        "changed" => GenerationChangeKind.Changed,
        _ => throw new FormatException($"unknown change kind '{text}'"),
    };
}
