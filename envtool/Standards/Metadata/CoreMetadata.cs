namespace EnvTool.Standards.Metadata;

/// <summary>
/// A distribution's core metadata (METADATA in a wheel or dist-info, PKG-INFO in an sdist), versions
/// 1.0 to 2.4. Strict about what every reader relies on (Metadata-Version, Name, Version, Dynamic),
/// lenient about the rest: values are kept raw as <c>importlib.metadata</c> reports them, and fields this
/// type has no property for stay reachable through <see cref="Headers"/>.
/// </summary>
public sealed class CoreMetadata
{
    /// <summary>Fields that may not be listed in Dynamic: a build backend must always know them.</summary>
    private static readonly string[] NeverDynamic = ["Name", "Version", "Metadata-Version"];

    private readonly EmailHeaderMessage message;

    private CoreMetadata(EmailHeaderMessage message, string metadataVersion, int major, int minor, string name, string version)
    {
        this.message = message;
        MetadataVersion = metadataVersion;
        MetadataVersionMajor = major;
        MetadataVersionMinor = minor;
        Name = name;
        Version = version;
    }

    /// <summary>As written, e.g. "2.1".</summary>
    public string MetadataVersion { get; }
    public int MetadataVersionMajor { get; }
    public int MetadataVersionMinor { get; }

    /// <summary>The project name as written (not normalized).</summary>
    public string Name { get; }

    /// <summary>The version text as written (PEP 440 parsing is the caller's business).</summary>
    public string Version { get; }

    public string? Summary => message.Get("Summary");

    /// <summary>
    /// The long description: the message body (where 2.1+ puts it), or the legacy Description header
    /// when the body is empty.
    /// </summary>
    public string? Description => message.Body.Length > 0 ? message.Body : message.Get("Description");

    public string? DescriptionContentType => message.Get("Description-Content-Type");
    public string? Keywords => message.Get("Keywords");
    public string? HomePage => message.Get("Home-page");
    public string? DownloadUrl => message.Get("Download-URL");
    public string? Author => message.Get("Author");
    public string? AuthorEmail => message.Get("Author-email");
    public string? Maintainer => message.Get("Maintainer");
    public string? MaintainerEmail => message.Get("Maintainer-email");
    public string? License => message.Get("License");
    public string? LicenseExpression => message.Get("License-Expression");
    public string? RequiresPython => message.Get("Requires-Python");

    public IReadOnlyList<string> LicenseFiles => message.GetAll("License-File");
    public IReadOnlyList<string> Classifiers => message.GetAll("Classifier");
    public IReadOnlyList<string> Platforms => message.GetAll("Platform");
    public IReadOnlyList<string> SupportedPlatforms => message.GetAll("Supported-Platform");

    /// <summary>PEP 508 requirement strings, raw.</summary>
    public IReadOnlyList<string> RequiresDist => message.GetAll("Requires-Dist");
    public IReadOnlyList<string> ProvidesExtra => message.GetAll("Provides-Extra");
    public IReadOnlyList<string> ProvidesDist => message.GetAll("Provides-Dist");
    public IReadOnlyList<string> ObsoletesDist => message.GetAll("Obsoletes-Dist");
    public IReadOnlyList<string> RequiresExternal => message.GetAll("Requires-External");

    /// <summary>Raw "label, url" values.</summary>
    public IReadOnlyList<string> ProjectUrls => message.GetAll("Project-URL");

    /// <summary>Field names a build backend will fill in when building a wheel from this sdist (2.2+).</summary>
    public IReadOnlyList<string> Dynamic => message.GetAll("Dynamic");

    /// <summary>Every header in file order, known or not.</summary>
    public IReadOnlyList<HeaderField> Headers => message.Headers;

    /// <summary>The first value of any field by name (case-insensitive), or null.</summary>
    public string? Get(string field) => message.Get(field);

    /// <summary>Every value of any field by name (case-insensitive), in file order.</summary>
    public IReadOnlyList<string> GetAll(string field) => message.GetAll(field);

    public static CoreMetadata Read(string path) => Parse(TolerantUtf8.ReadFile(path), path);

    /// <summary>
    /// The header fields of a METADATA file without its body (the long description, often most of
    /// the file): everything before the first empty line, in any newline convention. Parsing it
    /// gives the same fields as parsing the whole file, since no header line is empty; the resolver
    /// reads a hundred of these per command and needs no description.
    /// </summary>
    public static ReadOnlySpan<byte> HeaderBlock(ReadOnlySpan<byte> metadata)
    {
        var lineStart = true;
        for (var i = 0; i < metadata.Length; i++)
        {
            if (metadata[i] is not ((byte)'\n' or (byte)'\r'))
            {
                lineStart = false;
                continue;
            }
            if (lineStart) return metadata[..i];
            if (metadata[i] == '\r' && i + 1 < metadata.Length && metadata[i + 1] == '\n') i++;
            lineStart = true;
        }
        return metadata;
    }

    /// <param name="text">The file's text.</param>
    /// <param name="source">How errors name the file, e.g. its path.</param>
    public static CoreMetadata Parse(string text, string source)
    {
        var message = EmailHeaderMessage.Parse(text);

        var versionField = Require(message, "Metadata-Version", source);
        var (major, minor) = ParseMetadataVersion(versionField, source);
        var name = Require(message, "Name", source).Value;
        var version = Require(message, "Version", source).Value;

        foreach (var dynamic in message.Headers.Where(h => string.Equals(h.Name, "Dynamic", StringComparison.OrdinalIgnoreCase)))
        {
            if ((major, minor).CompareTo((2, 2)) < 0)
                throw new FileParseException(source, dynamic.Line,
                    $"'Dynamic' needs Metadata-Version 2.2 or later, but this file declares {versionField.Value}");
            var field = dynamic.Value.Trim();
            if (NeverDynamic.Any(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase)))
                throw new FileParseException(source, dynamic.Line, $"'{field}' may not be declared Dynamic");
        }

        return new CoreMetadata(message, versionField.Value, major, minor, name, version);
    }

    private static HeaderField Require(EmailHeaderMessage message, string field, string source)
    {
        var found = message.Find(field);
        if (found is null)
            throw new FileParseException(source, null, $"missing required field '{field}'");
        if (found.Value.Trim().Length == 0)
            throw new FileParseException(source, found.Line, $"required field '{field}' is empty");
        return found;
    }

    private static (int Major, int Minor) ParseMetadataVersion(HeaderField field, string source)
    {
        var (major, minor) = FormatVersion.Parse(field, source);
        // The core metadata spec: a newer minor version stays readable, a newer major version must be refused.
        if (major is not (1 or 2))
            throw new FileParseException(source, field.Line, $"unsupported Metadata-Version {field.Value.Trim()} (envtool reads 1.x and 2.x)");
        return (major, minor);
    }
}
