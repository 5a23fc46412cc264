using System.Diagnostics;
using System.Text;
using EnvTool.Standards;
using EnvTool.Standards.Metadata;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Metadata;

public class RecordFileTests
{
    private const string Hash = "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    [Fact]
    public void ReadsRowsWithAndWithoutHashAndSize()
    {
        var r = RecordFile.Parse($"pkg/__init__.py,{Hash},0\r\n../../bin/tool,{Hash},120\r\npkg-1.0.dist-info/RECORD,,\r\n", "RECORD");
        Assert.Equal(3, r.Rows.Count);
        Assert.Equal(new RecordRow("pkg/__init__.py", RecordHash.Parse(Hash), 0), r.Rows[0]);
        Assert.Equal(120, r.Rows[1].Size);
        Assert.Equal(new RecordRow("pkg-1.0.dist-info/RECORD", null, null), r.Rows[2]);
    }

    [Fact]
    public void ReadsQuotingAsPythonsCsvModuleDoes()
    {
        var r = RecordFile.Parse(
            "\"a,b.py\",,1\n" +               // embedded comma
            "\"say \"\"hi\"\".py\",,2\n" +    // doubled quotes
            "\"multi\nline.py\",,3\r" +       // newline inside quotes, CR record end
            "\n\n" +                          // blank lines are skipped
            "\"ab\"c.py,,4\n" +               // text after a closing quote is kept (csv is not strict)
            "mid\"quote.py,,5", "RECORD");     // no final newline
        Assert.Equal(["a,b.py", "say \"hi\".py", "multi\nline.py", "abc.py", "mid\"quote.py"], r.Rows.Select(x => x.Path));
        Assert.Equal([1L, 2, 3, 4, 5], r.Rows.Select(x => x.Size!.Value));
    }

    [Fact]
    public void UnquotedRecordsEndAtLfCrLfOrCrAsCsvDoes()
    {
        var r = RecordFile.Parse("a.py,,1\rb.py,,2\r\n\r\nc.py,,3\n\nd.py,,4", "RECORD");
        Assert.Equal(["a.py", "b.py", "c.py", "d.py"], r.Rows.Select(x => x.Path));
        Assert.Equal([1L, 2, 3, 4], r.Rows.Select(x => x.Size!.Value));
        var e = Assert.Throws<FileParseException>(() => RecordFile.Parse("a.py,,1\r\rb.py,1", "RECORD"));
        Assert.Equal("RECORD:3: expected 3 fields (path,hash,size), found 2", e.Message);
    }

    [Theory]
    [InlineData("a.py,,1\nb.py,1\n", "RECORD:2: expected 3 fields (path,hash,size), found 2")]
    [InlineData("a.py,,1\n\nb.py,,1,extra\n", "RECORD:3: expected 3 fields (path,hash,size), found 4")]
    [InlineData("a.py,,1\r\n\"two\nlines\",sha256,1\r\n", "RECORD:2: invalid RECORD hash 'sha256': expected 'algorithm=digest'")]
    [InlineData("a.py,sha256=abc+,1\n", "RECORD:1: invalid RECORD hash 'sha256=abc+': '+' is not a URL-safe base64 character at column 11")]
    [InlineData("a.py,,1\nb.py,,-1\n", "RECORD:2: size '-1' is not a non-negative integer")]
    [InlineData("a.py,,12k\n", "RECORD:1: size '12k' is not a non-negative integer")]
    [InlineData(",,\n", "RECORD:1: the path is empty")]
    [InlineData("a.py,,1\n\"never closed,,\n", "RECORD:2: a quoted field is never closed")]
    public void MalformedRowsAreRefusedNamingTheLine(string text, string message)
    {
        var e = Assert.Throws<FileParseException>(() => RecordFile.Parse(text, "RECORD"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void WritesLikePipSortedQuotedMinimallyWithCrlf()
    {
        var hash = RecordHash.Parse(Hash);
        var file = new RecordFile([
            new("z.py", hash, 10),
            new("a \"q\".py", null, null),
            new("a,b.py", hash, 0),
            new("\U0001F600.py", null, 1),  // astral: sorts after U+FFFD by code point, before it in UTF-16
            new("\uFFFD.py", null, 1),
        ]);
        Assert.Equal(
            $"\"a \"\"q\"\".py\",,\r\n\"a,b.py\",{Hash},0\r\nz.py,{Hash},10\r\n\uFFFD.py,,1\r\n\U0001F600.py,,1\r\n",
            file.ToText());
    }

    [Fact]
    public void RoundTripsThroughWriteAndRead()
    {
        using var dir = new TempDir();
        var rows = new List<RecordRow>
        {
            new("a.py", RecordHash.Sha256Of("x"u8), 1),
            new("quote\"comma,.py", null, null),
            new("new\nline.py", RecordHash.Sha256Of([]), 0),
            new("caf\u00e9.py", null, 5),
        };
        var path = dir.Sub("RECORD");
        new RecordFile(rows).Write(path);
        Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith("\uFEFF"u8));
        var back = RecordFile.Read(path);
        Assert.Equal(rows.OrderBy(r => r.Path, StringComparer.Ordinal), back.Rows);
    }

    [SkippableFact]
    public void PythonReadsWhatWeWrite()
    {
        var python = TestPythons.RequireDefault();
        using var dir = new TempDir();
        var distInfo = dir.Sub("demo-1.0.dist-info");
        Directory.CreateDirectory(distInfo);
        File.WriteAllText(Path.Combine(distInfo, "METADATA"), "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n");
        var rows = new List<RecordRow>
        {
            new("demo/__init__.py", RecordHash.Sha256Of("print(1)\n"u8), 9),
            new("demo/odd, \"name\".py", RecordHash.Sha256Of([]), 0),
            new("demo/caf\u00e9 \U0001F600.py", null, 3),
            new("../../bin/demo", RecordHash.Sha256Of("#!"u8), 2),
            new("demo-1.0.dist-info/RECORD", null, null),
        };
        new RecordFile(rows).Write(Path.Combine(distInfo, "RECORD"));

        // importlib.metadata (what pip list / pip show use) and the csv module as pip opens RECORD.
        const string script = """
            import csv, sys, importlib.metadata as md
            d = next(iter(md.distributions(path=[sys.argv[1]])))
            for f in d.files:
                print("I", str(f), f.hash and f"{f.hash.mode}={f.hash.value}", f.size, sep="|")
            with open(sys.argv[1] + "/demo-1.0.dist-info/RECORD", newline="", encoding="utf-8") as fh:
                for row in csv.reader(fh):
                    print("C", *row, sep="|")
            """;
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(dir.Path);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);

        var sorted = rows.OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        var expected = sorted.Select(r => $"I|{r.Path}|{r.Hash?.ToString() ?? "None"}|{r.Size?.ToString() ?? "None"}")
            .Concat(sorted.Select(r => $"C|{r.Path}|{r.Hash}|{r.Size}"));
        Assert.Equal(expected, stdout.TrimEnd('\n').Split('\n'));
    }
}
