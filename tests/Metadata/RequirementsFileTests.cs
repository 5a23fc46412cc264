using EnvTool.Standards;
using EnvTool.Standards.RequirementsFiles;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Metadata;

public sealed class RequirementsFileTests : IDisposable
{
    private const string Sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Write(string name, string content)
    {
        var path = dir.Sub(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static RequirementsFile Read(string path, Dictionary<string, string>? env = null) =>
        RequirementsFile.Read(path, name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void ReadsRequirementsCommentsMarkersAndLineNumbers()
    {
        var path = Write("r.txt", """
            # a comment
            requests>=2.0  # trailing comment

            rich[jupyter] ; python_version >= "3.8"
            demo @ https://example.invalid/demo-1.0-py3-none-any.whl#sha256=abc
            """);
        var r = Read(path);
        Assert.Equal(["requests>=2.0", "rich[jupyter] ; python_version >= \"3.8\"", "demo @ https://example.invalid/demo-1.0-py3-none-any.whl#sha256=abc"],
            r.Entries.Select(e => e.Text));
        Assert.Equal([2, 4, 5], r.Entries.Select(e => e.Line));
        Assert.All(r.Entries, e => Assert.Equal(path, e.File));
        Assert.All(r.Entries, e => Assert.False(e.IsConstraint));
        Assert.Equal("requests", r.Entries[0].Requirement.Name.Original);
        Assert.NotNull(r.Entries[1].Requirement.Marker);
        Assert.Equal("https://example.invalid/demo-1.0-py3-none-any.whl#sha256=abc", r.Entries[2].Requirement.Url);
        Assert.Equal($"{path}:4", r.Entries[1].Location);
    }

    [Fact]
    public void JoinsContinuationLinesUnderTheFirstLineNumber()
    {
        var path = Write("r.txt", "first \\\n  >=1.0 \\\n  ,<2\nsecond\\\n# a comment ends the continuation\nthird \\\n");
        var r = Read(path);
        Assert.Equal(["first   >=1.0   ,<2", "second", "third"], r.Entries.Select(e => e.Text));
        Assert.Equal([1, 4, 6], r.Entries.Select(e => e.Line));
    }

    [Fact]
    public void ExpandsOnlyBracedUppercaseVariablesThatAreSet()
    {
        var path = Write("r.txt", "pkg-${SUFFIX}==${VERSION}\nother==${UNSET_VAR}.0 ; python_version > '${lower}'\nempty${EMPTY}\n$NOBRACES\n");
        var env = new Dictionary<string, string> { ["SUFFIX"] = "core", ["VERSION"] = "1.2", ["lower"] = "3", ["EMPTY"] = "", ["NOBRACES"] = "x" };
        var e = Assert.Throws<FileParseException>(() => Read(path, env));
        // ${UNSET_VAR} stays as written, and is then no valid version.
        Assert.StartsWith($"{path}:2: invalid requirement 'other==${{UNSET_VAR}}.0", e.Message);

        path = Write("ok.txt", "pkg-${SUFFIX}==${VERSION}\n");
        Assert.Equal("pkg-core==1.2", Assert.Single(Read(path, env).Entries).Text);
    }

    [Fact]
    public void CollectsFileLevelOptionsInAllSpellings()
    {
        var path = Write("r.txt", """
            --index-url http://127.0.0.1:1/first
            -i http://127.0.0.1:1/simple
            --extra-index-url=http://127.0.0.1:2/simple
            -fhttp://127.0.0.1:3/links
            --find-links ./wheels
            --no-index --pre
            --require-hashes
            pkg==1
            """);
        var o = Read(path).Options;
        Assert.Equal("http://127.0.0.1:1/simple", o.IndexUrl);
        Assert.Equal(["http://127.0.0.1:2/simple"], o.ExtraIndexUrls);
        Assert.Equal(["http://127.0.0.1:3/links", "./wheels"], o.FindLinks);
        Assert.True(o.NoIndex);
        Assert.True(o.Pre);
        Assert.True(o.RequireHashes);
    }

    [Fact]
    public void FindLinksPathsResolveAgainstTheRequirementsFileWhenTheyExistThere()
    {
        Directory.CreateDirectory(dir.Sub("sub", "wheels"));
        var path = Write("sub/r.txt", "-f wheels\n-f not-there\n-f http://127.0.0.1/links\n");
        Assert.Equal([dir.Sub("sub", "wheels"), "not-there", "http://127.0.0.1/links"], Read(path).Options.FindLinks);
    }

    [Fact]
    public void CollectsHashesPerRequirement()
    {
        var sha512 = new string('a', 128);
        var path = Write("r.txt", $"pkg==1.0 --hash=sha256:{Sha} \\\n    --hash sha512:{sha512}\nother==2\n");
        var r = Read(path);
        Assert.Equal("pkg==1.0", r.Entries[0].Text);
        Assert.Equal([("sha256", Sha), ("sha512", sha512)], r.Entries[0].Hashes.Select(h => (h.Algorithm, h.DigestHex)));
        Assert.Empty(r.Entries[1].Hashes);
    }

    [Fact]
    public void NestedFilesResolveRelativeToTheIncludingFile()
    {
        Write("sub/base.txt", "base-pkg\n-c ../constraints/pins.txt\n");
        Write("constraints/pins.txt", "base-pkg==1.0\n-r more.txt\n-c more-pins.txt\n");
        Write("constraints/more.txt", "wanted\n");
        Write("constraints/more-pins.txt", "pinned<3\n");
        var top = Write("top.txt", "-r sub/base.txt\ntop-pkg\n");

        var r = Read(top);
        Assert.Equal(
            [("base-pkg", "base.txt", false), ("base-pkg==1.0", "pins.txt", true), ("wanted", "more.txt", false), ("pinned<3", "more-pins.txt", true), ("top-pkg", "top.txt", false)],
            r.Entries.Select(e => (e.Text, Path.GetFileName(e.File), e.IsConstraint)));
        // A -r inside a constraints file brings requirements, as in pip.
    }

    [Fact]
    public void IncludingTheSameFileTwiceWithoutACycleIsFine()
    {
        Write("common.txt", "common\n");
        Write("a.txt", "-r common.txt\n");
        var top = Write("top.txt", "-r a.txt\n-r common.txt\n");
        Assert.Equal(["common", "common"], Read(top).Entries.Select(e => e.Text));
    }

    [Fact]
    public void CyclesAreRefusedWithTheChain()
    {
        Write("b.txt", "pkg-b\n-r c.txt\n");
        Write("c.txt", "\n-r ./a.txt\n");
        var a = Write("a.txt", "-r b.txt\n");
        var e = Assert.Throws<FileParseException>(() => Read(a));
        Assert.Equal($"{dir.Sub("c.txt")}:2: '{dir.Sub("./a.txt")}' is already being read: the requirements files include each other (a.txt -> b.txt -> c.txt -> a.txt)", e.Message);
    }

    [Fact]
    public void AMissingTopLevelFileIsNamed()
    {
        var path = dir.Sub("nope.txt");
        Assert.Equal($"{path}: requirements file '{path}' does not exist", Assert.Throws<FileParseException>(() => Read(path)).Message);
    }

    [Fact]
    public void EditableRequirementsAreRefusedWithAHint()
    {
        var path = Write("r.txt", "ok\n-e ./project\n");
        var e = Assert.Throws<FileParseException>(() => Read(path));
        Assert.Equal($"{path}:2: editable requirements (-e/--editable) are not supported", e.Message);
        Assert.Contains("regular requirement", e.Hint);
    }

    [Theory]
    [InlineData("--trusted-host example.invalid\n", "1: unknown or unsupported option '--trusted-host'")]
    [InlineData("ok\n\npkg --config-settings=a=b\n", "3: unknown or unsupported option '--config-settings'")]
    [InlineData("pkg --pre\n", "1: option '--pre' is not supported after a requirement (only --hash is)")]
    [InlineData("pkg --editable\n", "1: editable requirements (-e/--editable) are not supported")]
    [InlineData("--hash=sha256:" + Sha + "\n", "1: --hash must follow a requirement on the same line")]
    [InlineData("pkg --hash=md5:d41d8cd98f00b204e9800998ecf8427e\n", "1: --hash algorithm 'md5' is not allowed (use sha256, sha384, sha512)")]
    [InlineData("pkg --hash=" + Sha + "\n", "1: --hash '" + Sha + "' must be an algorithm and a hex digest, like --hash=sha256:0123abcd...")]
    [InlineData("pkg --hash=sha256:abcd\n", "1: --hash 'sha256:abcd': a sha256 digest is 32 bytes, this one is 2")]
    [InlineData("pkg --hash=sha256:xyz\n", "1: --hash 'sha256:xyz': 'x' is not a hex digit")]
    [InlineData("pkg --hash\n", "1: option '--hash' needs a value")]
    [InlineData("--pre=yes\n", "1: option '--pre' does not take a value")]
    [InlineData("--index-url 'unclosed\n", "1: cannot split options: no closing quotation")]
    [InlineData("-r https://example.invalid/r.txt\n", "1: 'https://example.invalid/r.txt': requirements files can only include local files")]
    [InlineData("-r missing.txt\n", "1: requirements file 'MISSING' does not exist")]
    [InlineData("pkg==1 ; os_name ==\n", "1: invalid requirement 'pkg==1 ; os_name =='")]
    public void MalformedLinesAreRefusedNamingFileAndLine(string content, string expected)
    {
        var path = Write("r.txt", content);
        var e = Assert.Throws<FileParseException>(() => Read(path));
        Assert.StartsWith($"{path}:" + expected.Replace("MISSING", dir.Sub("missing.txt")), e.Message);
    }

    [Fact]
    public void BarePathsGetAHintToNameThem()
    {
        var path = Write("r.txt", "./wheels/demo-1.0-py3-none-any.whl\n");
        var e = Assert.Throws<FileParseException>(() => Read(path));
        Assert.StartsWith($"{path}:1: invalid requirement", e.Message);
        Assert.Contains("name @ url", e.Hint);
    }

    [Fact]
    public void AByteOrderMarkIsIgnoredAndInvalidUtf8IsRefused()
    {
        var path = dir.Sub("bom.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "pkg\n"u8]);
        Assert.Equal("pkg", Assert.Single(Read(path).Entries).Text);
        File.WriteAllBytes(path, [.. "pkg\n"u8, 0xFF, 0x0A]);
        Assert.Equal($"{path}: the file is not valid UTF-8", Assert.Throws<FileParseException>(() => Read(path)).Message);
    }
}
