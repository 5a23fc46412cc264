using Tomlyn.Model;
using Tomlyn.Serialization;

namespace EnvTool.Standards;

/// <summary>
/// Source-generated Tomlyn metadata for the untyped TOML model, so TOML documents (PEP 723 blocks,
/// pyproject.toml, lock files) can be read as <see cref="TomlTable"/> without reflection under NativeAOT:
/// <c>TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable)</c>.
/// </summary>
[TomlSerializable(typeof(TomlTable))]
public partial class TomlModelContext : TomlSerializerContext
{
    /// <summary>A context with other options, e.g. a metadata store that records where each key was written.</summary>
    public TomlModelContext(Tomlyn.TomlSerializerOptions options) : base(options) { }
}
