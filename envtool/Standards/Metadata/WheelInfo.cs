namespace EnvTool.Standards.Metadata;

/// <summary>
/// The <c>WHEEL</c> file of a wheel's dist-info: which wheel format version it uses, what built it,
/// whether its root belongs in purelib, and its expanded compatibility tags.
/// </summary>
public sealed class WheelInfo
{
    private WheelInfo(int major, int minor, string? generator, bool rootIsPurelib, IReadOnlyList<string> tags, string? build, IReadOnlyList<HeaderField> headers)
    {
        WheelVersionMajor = major;
        WheelVersionMinor = minor;
        Generator = generator;
        RootIsPurelib = rootIsPurelib;
        Tags = tags;
        Build = build;
        Headers = headers;
    }

    /// <summary>The format version this reader implements; a wheel with the same major but a newer minor stays installable.</summary>
    public const int SupportedMajor = 1;
    public const int SupportedMinor = 0;

    public int WheelVersionMajor { get; }
    public int WheelVersionMinor { get; }
    public string WheelVersion => $"{WheelVersionMajor}.{WheelVersionMinor}";

    /// <summary>
    /// True when the wheel declares a newer minor format version than this reader knows: installers
    /// should warn (as pip does) and go on.
    /// </summary>
    public bool IsNewerMinorVersion => WheelVersionMinor > SupportedMinor;

    public string? Generator { get; }
    public bool RootIsPurelib { get; }

    /// <summary>The expanded tags, e.g. "cp311-cp311-manylinux_2_17_x86_64", in file order.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The optional build number (it must start with a digit).</summary>
    public string? Build { get; }

    public IReadOnlyList<HeaderField> Headers { get; }

    public static WheelInfo Read(string path) => Parse(TolerantUtf8.ReadFile(path), path);

    public static WheelInfo Parse(string text, string source)
    {
        var message = EmailHeaderMessage.Parse(text);

        var versionField = message.Find("Wheel-Version")
            ?? throw new FileParseException(source, null, "missing required field 'Wheel-Version'");
        var (major, minor) = ParseVersion(versionField, source);

        var purelibField = message.Find("Root-Is-Purelib")
            ?? throw new FileParseException(source, null, "missing required field 'Root-Is-Purelib'");
        var purelib = purelibField.Value.Trim();
        var rootIsPurelib =
            string.Equals(purelib, "true", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(purelib, "false", StringComparison.OrdinalIgnoreCase) ? false
            : throw new FileParseException(source, purelibField.Line, $"Root-Is-Purelib must be 'true' or 'false', not '{purelibField.Value}'");

        var tags = new List<string>();
        foreach (var tag in message.Headers.Where(h => string.Equals(h.Name, "Tag", StringComparison.OrdinalIgnoreCase)))
        {
            var value = tag.Value.Trim();
            if (value.Split('-') is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
                throw new FileParseException(source, tag.Line, $"Tag '{tag.Value}' is not of the form python-abi-platform");
            tags.Add(value);
        }

        var buildField = message.Find("Build");
        var build = buildField?.Value.Trim();
        if (buildField is not null && (build!.Length == 0 || !char.IsAsciiDigit(build[0])))
            throw new FileParseException(source, buildField.Line, $"Build '{buildField.Value}' must start with a digit");

        return new WheelInfo(major, minor, message.Get("Generator")?.Trim(), rootIsPurelib, tags, build, message.Headers);
    }

    private static (int, int) ParseVersion(HeaderField field, string source)
    {
        var (major, minor) = FormatVersion.Parse(field, source);
        if (major != SupportedMajor)
            throw new FileParseException(source, field.Line,
                $"unsupported Wheel-Version {field.Value.Trim()}: envtool installs wheels of format version {SupportedMajor}.x");
        return (major, minor);
    }
}
