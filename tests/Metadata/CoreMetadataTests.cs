using System.Text;
using EnvTool.Standards;
using EnvTool.Standards.Metadata;

namespace EnvTool.Tests.Metadata;

public class CoreMetadataTests
{
    private const string Modern = """
        Metadata-Version: 2.4
        Name: Example-Pkg
        Version: 1.2.0rc1
        Summary: An example
        Requires-Python: >=3.9
        License-Expression: MIT OR Apache-2.0
        License-File: LICENSE
        License-File: licenses/NOTICE
        Requires-Dist: requests>=2
        Requires-Dist: rich; extra == "cli"
        Provides-Extra: cli
        Provides-Dist: example_pkg_compat
        Obsoletes-Dist: old-example (<1.0)
        Requires-External: libpq
        Project-URL: Homepage, https://example.org
        Project-URL: Source, https://example.org/src
        Classifier: Programming Language :: Python :: 3
        X-Custom-Field: kept
        Description-Content-Type: text/markdown

        # Example

        The long description.
        """;

    [Fact]
    public void ReadsTheFieldsOfVersion24()
    {
        var m = CoreMetadata.Parse(Modern, "METADATA");
        Assert.Equal("2.4", m.MetadataVersion);
        Assert.Equal((2, 4), (m.MetadataVersionMajor, m.MetadataVersionMinor));
        Assert.Equal("Example-Pkg", m.Name);
        Assert.Equal("1.2.0rc1", m.Version);
        Assert.Equal("An example", m.Summary);
        Assert.Equal(">=3.9", m.RequiresPython);
        Assert.Equal("MIT OR Apache-2.0", m.LicenseExpression);
        Assert.Equal(["LICENSE", "licenses/NOTICE"], m.LicenseFiles);
        Assert.Equal(["requests>=2", "rich; extra == \"cli\""], m.RequiresDist);
        Assert.Equal(["cli"], m.ProvidesExtra);
        Assert.Equal(["example_pkg_compat"], m.ProvidesDist);
        Assert.Equal(["old-example (<1.0)"], m.ObsoletesDist);
        Assert.Equal(["libpq"], m.RequiresExternal);
        Assert.Equal(["Homepage, https://example.org", "Source, https://example.org/src"], m.ProjectUrls);
        Assert.Equal(["Programming Language :: Python :: 3"], m.Classifiers);
        Assert.Equal("text/markdown", m.DescriptionContentType);
        Assert.Equal("# Example\n\nThe long description.", m.Description);
    }

    [Fact]
    public void UnknownFieldsAreKeptAndLookupIgnoresCase()
    {
        var m = CoreMetadata.Parse(Modern, "METADATA");
        Assert.Equal("kept", m.Get("x-custom-field"));
        Assert.Equal(["requests>=2", "rich; extra == \"cli\""], m.GetAll("REQUIRES-DIST"));
        Assert.Contains(m.Headers, h => h is { Name: "X-Custom-Field", Value: "kept", Line: 18 });
        Assert.Null(m.Get("Keywords"));
        Assert.Empty(m.Platforms);
    }

    [Fact]
    public void FoldedValuesKeepTheirNewlinesAndIndentationRaw()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 1.0\nName: a\nVersion: 1\nLicense: line one\n        line two\n\tline three\nSummary:   spaced  \n", "PKG-INFO");
        Assert.Equal("line one\n        line two\n\tline three", m.License);
        // Leading blanks go, trailing ones stay, as in Python's email parser.
        Assert.Equal("spaced  ", m.Summary);
    }

    [Fact]
    public void LegacyDescriptionHeaderIsTheDescriptionWhenThereIsNoBody()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 1.2\nName: a\nVersion: 1\nDescription: first\n        |second\n", "PKG-INFO");
        Assert.Equal("first\n        |second", m.Description);
    }

    [Fact]
    public void CrlfAndCrLineEndingsReadLikeLf()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 2.1\r\nName: a\rVersion: 1\r\nSummary: s\r\n\r\nbody\r\n", "METADATA");
        Assert.Equal(("a", "1", "s"), (m.Name, m.Version, m.Summary));
        Assert.Equal("body\n", m.Description);
    }

    [Fact]
    public void ALineThatCannotBeAHeaderStartsTheBody()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 2.1\nName: a\nVersion: 1\nnot a header line\nSummary: late\n", "METADATA");
        Assert.Null(m.Summary);
        Assert.Equal("not a header line\nSummary: late\n", m.Description);
    }

    [Fact]
    public void ContinuationBeforeTheFirstHeaderAndAnEnvelopeLineAreDropped()
    {
        var m = CoreMetadata.Parse("From someone\n  stray\nMetadata-Version: 2.1\nName: a\nVersion: 1\n", "METADATA");
        Assert.Equal(["Metadata-Version", "Name", "Version"], m.Headers.Select(h => h.Name));
    }

    [Fact]
    public void SingleUseFieldGivenTwiceReadsTheFirst()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 2.1\nName: first\nName: second\nVersion: 1\n", "METADATA");
        Assert.Equal("first", m.Name);
        Assert.Equal(["first", "second"], m.GetAll("Name"));
    }

    [Fact]
    public void InvalidUtf8BytesBecomeEscapedSurrogatesAndABomIsDropped()
    {
        var bytes = new List<byte>([0xEF, 0xBB, 0xBF]);
        bytes.AddRange(Encoding.UTF8.GetBytes("Metadata-Version: 2.1\nName: a\nVersion: 1\nAuthor: Jos"));
        bytes.AddRange([0xE9, 0x80]); // Latin-1 'é' then a stray continuation byte
        bytes.AddRange(Encoding.UTF8.GetBytes(" M\u00fcller \U0001F600\n"));
        var m = CoreMetadata.Parse(TolerantUtf8.Decode(bytes.ToArray()), "METADATA");
        Assert.Equal("Metadata-Version", m.Headers[0].Name);
        Assert.Equal("Jos\uDCE9\uDC80 M\u00fcller \U0001F600", m.Author);
    }

    [Theory]
    [InlineData("Name: a\nVersion: 1\n", "METADATA: missing required field 'Metadata-Version'")]
    [InlineData("Metadata-Version: 2.1\nVersion: 1\n", "METADATA: missing required field 'Name'")]
    [InlineData("Metadata-Version: 2.1\nName: a\n", "METADATA: missing required field 'Version'")]
    [InlineData("Metadata-Version: 2.1\nName:\nVersion: 1\n", "METADATA:2: required field 'Name' is empty")]
    [InlineData("Metadata-Version: 3.0\nName: a\nVersion: 1\n", "METADATA:1: unsupported Metadata-Version 3.0 (envtool reads 1.x and 2.x)")]
    [InlineData("Metadata-Version: two\nName: a\nVersion: 1\n", "METADATA:1: Metadata-Version 'two' is not of the form MAJOR.MINOR")]
    [InlineData("Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Requires-Dist\nDynamic: version\n", "METADATA:5: 'version' may not be declared Dynamic")]
    [InlineData("Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Name\n", "METADATA:4: 'Name' may not be declared Dynamic")]
    [InlineData("Metadata-Version: 2.3\nDynamic: Metadata-Version\nName: a\nVersion: 1\n", "METADATA:2: 'Metadata-Version' may not be declared Dynamic")]
    [InlineData("Metadata-Version: 2.1\nName: a\nVersion: 1\nDynamic: Summary\n", "METADATA:4: 'Dynamic' needs Metadata-Version 2.2 or later, but this file declares 2.1")]
    // Headers end at the blank line: a Name in the body does not count.
    [InlineData("Metadata-Version: 2.1\nVersion: 1\n\nName: a\n", "METADATA: missing required field 'Name'")]
    public void MalformedFilesAreRefusedNamingFieldAndFile(string text, string message)
    {
        var e = Assert.Throws<FileParseException>(() => CoreMetadata.Parse(text, "METADATA"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void DynamicFieldsOf22AreListed()
    {
        var m = CoreMetadata.Parse("Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: Requires-Dist\nDynamic: Summary\n", "PKG-INFO");
        Assert.Equal(["Requires-Dist", "Summary"], m.Dynamic);
    }

    [Fact]
    public void ReadNamesThePathInErrors()
    {
        using var dir = new Support.TempDir();
        var path = dir.Sub("METADATA");
        File.WriteAllText(path, "Metadata-Version: 2.1\nName: a\n");
        var e = Assert.Throws<FileParseException>(() => CoreMetadata.Read(path));
        Assert.Equal($"{path}: missing required field 'Version'", e.Message);
    }

    [Theory]
    [InlineData("Name: a\nVersion: 1\n\nbody\n\nmore", "Name: a\nVersion: 1\n")]
    [InlineData("Name: a\r\nVersion: 1\r\n\r\nbody", "Name: a\r\nVersion: 1\r\n")]
    [InlineData("Name: a\rVersion: 1\r\rbody", "Name: a\rVersion: 1\r")]
    [InlineData("Name: a\nSummary: x\n  continued\n", "Name: a\nSummary: x\n  continued\n")]
    [InlineData("Name: a", "Name: a")]
    [InlineData("\nbody only", "")]
    public void The_header_block_ends_before_the_first_empty_line_in_any_newline_convention(string file, string headers) =>
        Assert.Equal(headers, Encoding.UTF8.GetString(CoreMetadata.HeaderBlock(Encoding.UTF8.GetBytes(file))));

    [Fact]
    public void Parsing_the_header_block_gives_every_field_of_the_whole_file()
    {
        var site = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages";
        var files = Directory.Exists(site)
            ? Directory.GetDirectories(site, "*.dist-info").Select(d => Path.Combine(d, "METADATA")).Where(File.Exists).ToList()
            : [];
        var texts = files.Select(File.ReadAllBytes).Append(Encoding.UTF8.GetBytes(Modern)).ToList();
        foreach (var bytes in texts)
        {
            var whole = CoreMetadata.Parse(TolerantUtf8.Decode(bytes), "whole");
            var head = CoreMetadata.Parse(TolerantUtf8.Decode(CoreMetadata.HeaderBlock(bytes)), "head");
            Assert.Equal(whole.Headers.Select(h => (h.Name, h.Value)), head.Headers.Select(h => (h.Name, h.Value)));
            Assert.True(CoreMetadata.HeaderBlock(bytes).Length < bytes.Length || whole.Description is null or "");
        }
    }
}
