using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;
using Tomlyn.Syntax;

namespace EnvTool.Standards;

/// <summary>A TOML document was refused; <see cref="Line"/> and <see cref="Column"/> are 1-based within the document.</summary>
public sealed class TomlSyntaxException(int line, int column, string problem) : Exception(problem)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}

/// <summary>
/// Reads a TOML document into Tomlyn's untyped model, AOT-safe, refusing everything the TOML
/// specification refuses. Deserializing straight to <see cref="TomlTable"/> lets a repeated key
/// silently overwrite the first one, so the document is validated on its syntax tree first.
/// </summary>
public static class StrictToml
{
    /// <param name="spans">When given, records where each key of each table was written (see
    /// <see cref="TomlPropertyMetadata.Span"/>), so later checks can name the line.</param>
    /// <exception cref="TomlSyntaxException">The text is not valid TOML; the first error is reported.</exception>
    public static TomlTable Parse(string text, ITomlMetadataStore? spans = null)
    {
        var document = SyntaxParser.Parse(text, "", validate: true);
        if (document.HasErrors)
        {
            var error = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new TomlSyntaxException(error.Span.Start.Line + 1, error.Span.Start.Column + 1, error.Message);
        }
        try
        {
            var context = spans is null ? TomlModelContext.Default : new TomlModelContext(new TomlSerializerOptions { MetadataStore = spans });
            return TomlSerializer.Deserialize(text, context.TomlTable)!;
        }
        catch (TomlException e)
        {
            // Tomlyn wraps the parser's error (which has the precise position) in converter errors.
            var cause = e;
            while (cause.InnerException is TomlException inner) cause = inner;
            throw new TomlSyntaxException(cause.Line ?? 1, cause.Column ?? 1, cause.Message.Split('\n')[0]);
        }
    }
}
