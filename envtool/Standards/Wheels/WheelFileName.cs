using EnvTool.Standards.Tags;
using EnvTool.Standards.Versions;

namespace EnvTool.Standards.Wheels;

/// <summary>
/// A wheel file name (PEP 427, PEP 491): <c>{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl</c>,
/// parsed strictly. What packaging's <c>parse_wheel_filename</c> accepts we accept, except: the distribution
/// name and build tag must be non-empty ASCII letters, digits, '_' and '.' (packaging allows any Unicode
/// word character and an empty name), and tag members follow <see cref="Tag.ParseSet"/>. The version must be
/// a valid PEP 440 version.
/// </summary>
public sealed class WheelFileName
{
    private const string What = "wheel file name";
    private const string Extension = ".whl";
    private const string Shape = "{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl";

    private WheelFileName(string fileName, string distribution, string versionText, Pep440Version version, BuildTag? buildTag, string tagText, IReadOnlyList<Tag> tags)
    {
        Version = version;
        FileName = fileName;
        Distribution = distribution;
        NormalizedName = NormalizeName(distribution);
        VersionText = versionText;
        BuildTag = buildTag;
        TagText = tagText;
        Tags = tags;
    }

    /// <summary>The file name as given.</summary>
    public string FileName { get; }
    /// <summary>The distribution as written in the file name (escaped, e.g. "Foo_Bar").</summary>
    public string Distribution { get; }
    /// <summary>PEP 503 form: runs of '-', '_', '.' become '-', lowercase ("foo-bar").</summary>
    public string NormalizedName { get; }
    /// <summary>The version as written, e.g. "1.0.POST1".</summary>
    public string VersionText { get; }
    /// <summary>The version parsed and normalized (PEP 440).</summary>
    public Pep440Version Version { get; }
    public BuildTag? BuildTag { get; }
    /// <summary>The compressed tag set as written, e.g. "py2.py3-none-any".</summary>
    public string TagText { get; }
    /// <summary>Every tag the compressed set stands for.</summary>
    public IReadOnlyList<Tag> Tags { get; }

    public override string ToString() => FileName;

    public static WheelFileName Parse(string fileName)
    {
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            // Point at the wrong extension when there is one, else at the end.
            var dot = fileName.LastIndexOf('.');
            throw new ParseException(What, fileName, dot > fileName.LastIndexOf('-') ? dot : fileName.Length,
                "a wheel file name must end in '.whl'");
        }
        var stemEnd = fileName.Length - Extension.Length;

        // Dashes separate the parts; none of them can contain one (names and versions escape '-' as '_').
        Span<int> dashes = stackalloc int[5];
        var count = 0;
        for (var i = 0; i < stemEnd; i++)
        {
            if (fileName[i] != '-') continue;
            if (count == dashes.Length)
                throw new ParseException(What, fileName, i, $"too many '-' separated parts; expected {Shape}");
            dashes[count++] = i;
        }
        if (count < 4)
            throw new ParseException(What, fileName, stemEnd,
                $"expected 5 or 6 '-' separated parts, found {count + 1}; expected {Shape}");

        var distribution = fileName[..dashes[0]];
        CheckName(fileName, distribution);

        var version = fileName[(dashes[0] + 1)..dashes[1]];
        if (version.Length == 0)
            throw new ParseException(What, fileName, dashes[0] + 1, "empty version");
        Pep440Version parsedVersion;
        try
        {
            parsedVersion = Pep440Version.Parse(version);
        }
        catch (ParseException e)
        {
            throw new ParseException(What, fileName, dashes[0] + 1 + Math.Max(e.Position, 0), $"invalid version '{version}': {e.Problem}");
        }

        BuildTag? build = null;
        if (count == 5)
            build = ParseBuildTag(fileName, dashes[1] + 1, dashes[2]);

        var tagStart = dashes[count - 3] + 1;
        var tags = TagSetParser.Parse(fileName, tagStart, stemEnd, What);
        return new WheelFileName(fileName, distribution, version, parsedVersion, build, fileName[tagStart..stemEnd], tags);
    }

    /// <summary>PEP 503 normalization: <c>re.sub(r"[-_.]+", "-", name).lower()</c>.</summary>
    public static string NormalizeName(string name)
    {
        var result = new System.Text.StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun) result.Append('-');
                inRun = true;
            }
            else
            {
                result.Append(char.ToLowerInvariant(c));
                inRun = false;
            }
        }
        return result.ToString();
    }

    private static void CheckName(string fileName, string name)
    {
        if (name.Length == 0)
            throw new ParseException(What, fileName, 0, "empty distribution name");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
                throw new ParseException(What, fileName, i,
                    $"character '{c}' is not allowed in a distribution name (only ASCII letters, digits, '_' and '.')");
            if (c == '_' && i > 0 && name[i - 1] == '_')
                throw new ParseException(What, fileName, i - 1,
                    "'__' is not allowed in a distribution name (PEP 427 escapes each run of '-', '_', '.' as one '_')");
        }
    }

    private static BuildTag ParseBuildTag(string fileName, int start, int end)
    {
        if (start == end)
            throw new ParseException(What, fileName, start, "empty build tag");
        var digits = 0;
        while (start + digits < end && char.IsAsciiDigit(fileName[start + digits])) digits++;
        if (digits == 0)
            throw new ParseException(What, fileName, start,
                $"build tag '{fileName[start..end]}' must start with a digit");
        for (var i = start + digits; i < end; i++)
            if (!(char.IsAsciiLetterOrDigit(fileName[i]) || fileName[i] is '_' or '.'))
                throw new ParseException(What, fileName, i,
                    $"character '{fileName[i]}' is not allowed in a build tag (only ASCII letters, digits, '_' and '.')");
        return new BuildTag(fileName[start..end], digits);
    }
}
