using EnvTool.Standards;
using EnvTool.Standards.Scripts;

namespace EnvTool.Tests.Metadata;

public class ScriptMetadataTests
{
    [Fact]
    public void ReadsDependenciesRequiresPythonAndEnvtoolOptions()
    {
        var m = ScriptMetadata.Parse("""
            #!/usr/bin/env python3
            # /// script
            # requires-python = ">=3.11"
            # dependencies = [
            #   "requests<3",
            #   "rich",
            # ]
            #
            # [tool.envtool]
            # index-url = "http://127.0.0.1:8080/simple"
            # extra-index-url = ["http://127.0.0.1:8081/simple"]
            # find-links = ["./wheels", "/opt/wheels"]
            # no-index = true
            # pre = true
            # ///

            import requests
            """, "tool.py");

        Assert.NotNull(m);
        Assert.Equal((2, 15), (m.StartLine, m.EndLine));
        Assert.Equal(["requests<3", "rich"], m.Dependencies);
        Assert.Equal(["requests", "rich"], m.Requirements.Select(r => r.Name.Original));
        Assert.Equal(">=3.11", m.RequiresPython);
        Assert.Equal("http://127.0.0.1:8080/simple", m.IndexUrl);
        Assert.Equal(["http://127.0.0.1:8081/simple"], m.ExtraIndexUrls);
        Assert.Equal(["./wheels", "/opt/wheels"], m.FindLinks);
        Assert.True(m.NoIndex);
        Assert.True(m.Pre);
        Assert.StartsWith("requires-python = \">=3.11\"\ndependencies = [\n  \"requests<3\",", m.Toml);
    }

    [Fact]
    public void ABlockWithOnlyOtherKeysHasDefaults()
    {
        var m = ScriptMetadata.Parse("# /// script\n# [tool.other]\n# x = 1\n# ///\n", "s.py")!;
        Assert.Empty(m.Dependencies);
        Assert.Null(m.RequiresPython);
        Assert.Null(m.IndexUrl);
        Assert.Empty(m.ExtraIndexUrls);
        Assert.False(m.NoIndex);
        Assert.False(m.Pre);
        Assert.True(m.Table.ContainsKey("tool"));
    }

    [Theory]
    [InlineData("print('no metadata')\n")]
    [InlineData("# /// script \n# dependencies = []\n# ///\n")] // a header must end right after the type
    [InlineData("#/// script\n# dependencies = []\n# ///\n")]
    [InlineData("  # /// script\n# dependencies = []\n# ///\n")]
    [InlineData("# /// pyproject\n# dependencies = []\n# ///\n")] // other types are not ours to read
    public void ScriptsWithoutAScriptBlockHaveNoMetadata(string script) =>
        Assert.Null(ScriptMetadata.Parse(script, "s.py"));

    [Fact]
    public void TheLastClosingLineOfTheCommentRunEndsTheBlock()
    {
        // As the reference expression matches: a '# ///' followed by more comment lines and another
        // '# ///' does not end the block, so the first one becomes TOML content (and invalid TOML).
        var e = Assert.Throws<FileParseException>(() =>
            ScriptMetadata.Parse("# /// script\n# dependencies = [\"a\"]\n# ///\n# x = 1\n# ///\nimport a\n", "s.py"));
        Assert.Equal(3, e.Line);
        var m = ScriptMetadata.Parse("# /// script\n# dependencies = [\"a\"]\n# ///\nimport a\n# x = 1\n# ///\n", "s.py")!;
        Assert.Equal(3, m.EndLine);
    }

    [Fact]
    public void OtherBlockTypesConsumeTheirLinesAndAreIgnored()
    {
        var m = ScriptMetadata.Parse("# /// other\n# anything\n# ///\n\n# /// script\n# dependencies = [\"b\"]\n# ///", "s.py")!;
        Assert.Equal(["b"], m.Dependencies);
        Assert.Equal((5, 7), (m.StartLine, m.EndLine));
    }

    [Fact]
    public void CrlfScriptsAndBareHashLinesDecode()
    {
        var m = ScriptMetadata.Parse("# /// script\r\n#\r\n# dependencies = [\"c\"]\r\n# ///\r\n", "s.py")!;
        Assert.Equal("\ndependencies = [\"c\"]\n", m.Toml);
        Assert.Equal(["c"], m.Dependencies);
    }

    [Theory]
    [InlineData("# /// script\n# dependencies = []\n# ///\n\n# /// script\n# requires-python = \">=3\"\n# ///\n",
        "s.py:5: a second '# /// script' block (the first starts at line 1); a script may have only one")]
    [InlineData("import x\n# /// script\n# dependencies = []\nprint(1)\n",
        "s.py:2: the '# /// script' block is never closed: expected a '# ///' line after its comment lines")]
    [InlineData("# /// script\n# dependencies = []\n#///\n",
        "s.py:1: the '# /// script' block is never closed: expected a '# ///' line after its comment lines")]
    [InlineData("# /// script\n# ///\n", "s.py:1: the '# /// script' block is empty")]
    [InlineData("# /// script\n# dependencies = \"requests\"\n# ///\n",
        "s.py:2: 'dependencies' in the script metadata block must be an array of strings")]
    [InlineData("# /// script\n# dependencies = [\"a\", 1]\n# ///\n",
        "s.py:2: 'dependencies' in the script metadata block must be an array of strings")]
    [InlineData("# /// script\n# requires-python = \">=3\"\n# dependencies = [\"ok\", \"bad ==\"]\n# ///\n",
        "s.py:3: 'dependencies' in the script metadata block: invalid requirement 'bad =='")]
    [InlineData("# /// script\n# requires-python = 3.11\n# ///\n",
        "s.py:2: 'requires-python' in the script metadata block must be a string")]
    [InlineData("# /// script\n# dependencies = []\n#\n# [tool.envtool]\n# no-index = \"yes\"\n# ///\n",
        "s.py:5: 'no-index' in the script metadata block must be true or false")]
    [InlineData("# /// script\n# tool = 1\n# ///\n",
        "s.py:2: 'tool' in the script metadata block must be a table")]
    [InlineData("# /// script\n# [tool]\n# envtool = []\n# ///\n",
        "s.py:3: 'tool.envtool' in the script metadata block must be a table")]
    public void MalformedBlocksAreRefusedNamingTheLine(string script, string message)
    {
        var e = Assert.Throws<FileParseException>(() => ScriptMetadata.Parse(script, "s.py"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void BadTomlNamesTheScriptLine()
    {
        var e = Assert.Throws<FileParseException>(() =>
            ScriptMetadata.Parse("import os\n\n# /// script\n# dependencies = [\n#   \"a\",\n#   oops\n# ]\n# ///\n", "s.py"));
        Assert.Equal("s.py", e.File);
        Assert.Equal(6, e.Line);
        Assert.Equal("s.py:6: invalid TOML in the script metadata block: Unexpected token `oops` for a value", e.Message);
    }

    [Fact]
    public void RepeatedKeysAreInvalidToml()
    {
        var e = Assert.Throws<FileParseException>(() =>
            ScriptMetadata.Parse("# /// script\n# dependencies = []\n# dependencies = [\"x\"]\n# ///\n", "s.py"));
        Assert.Equal("s.py:3: invalid TOML in the script metadata block: The key `dependencies` is already defined at (1,1) with `dependencies = []` and cannot be redefined", e.Message);
    }

    [Fact]
    public void ReadNamesTheFile()
    {
        using var dir = new Support.TempDir();
        var path = dir.Sub("s.py");
        File.WriteAllText(path, "# /// script\n# dependencies = [\"x\"]\n# ///\n");
        Assert.Equal(["x"], ScriptMetadata.Read(path)!.Dependencies);
    }
}
