using EnvTool.Standards;
using EnvTool.Standards.Metadata;

namespace EnvTool.Tests.Metadata;

public class EntryPointsTests
{
    [Fact]
    public void ReadsGroupsNamesTargetsAndExtras()
    {
        var eps = EntryPoints.Parse("""
            # generated
            [console_scripts]
            My-Tool = my_pkg.cli:main
              other=my_pkg.cli : run [fancy, extra2]
            ; configparser-style comment

            [gui_scripts]
            my-gui = my_pkg.gui:App.start

            [my_pkg.plugins]
            Plain = my_pkg.plugin
            """, "entry_points.txt");

        Assert.Equal(4, eps.All.Count);
        var tool = eps.ConsoleScripts[0];
        Assert.Equal(("console_scripts", "My-Tool", "my_pkg.cli:main"), (tool.Group, tool.Name, tool.Value));
        Assert.Equal(("my_pkg.cli", "main", "my_pkg.cli:main"), (tool.Module, tool.Attribute, tool.Target));
        Assert.Empty(tool.Extras);

        var other = eps.ConsoleScripts[1];
        Assert.Equal("my_pkg.cli : run [fancy, extra2]", other.Value);
        Assert.Equal(("my_pkg.cli", "run"), (other.Module, other.Attribute));
        Assert.Equal(["fancy", "extra2"], other.Extras);

        Assert.Equal("my_pkg.gui:App.start", Assert.Single(eps.GuiScripts).Target);
        var plain = Assert.Single(eps.Group("my_pkg.plugins"));
        Assert.Equal(("Plain", "my_pkg.plugin", null), (plain.Name, plain.Module, plain.Attribute));
    }

    [Fact]
    public void RepeatedNamesAreKeptInOrderAndCrlfIsFine()
    {
        var eps = EntryPoints.Parse("[g]\r\na = m:one\r\na = m:two\r\n", "entry_points.txt");
        Assert.Equal(["m:one", "m:two"], eps.All.Select(e => e.Value));
        Assert.Empty(eps.ConsoleScripts);
    }

    [Theory]
    [InlineData("[console_scripts]\nfoo\n", "entry_points.txt:2: expected 'name = module:attr', found 'foo'")]
    [InlineData("foo = m:f\n[console_scripts]\n", "entry_points.txt:1: entry point before the first [group] header")]
    [InlineData("[g]\n = m:f\n", "entry_points.txt:2: entry point without a name")]
    [InlineData("[g]\n\nfoo = m:f:g\n", "entry_points.txt:3: entry point 'foo' has value 'm:f:g', expected 'module:attr [extras]'")]
    [InlineData("[g]\nfoo = my-pkg:f\n", "entry_points.txt:2: entry point 'foo' has value 'my-pkg:f', expected 'module:attr [extras]'")]
    [InlineData("[g]\nfoo =\n", "entry_points.txt:2: entry point 'foo' has value '', expected 'module:attr [extras]'")]
    public void MalformedLinesAreRefusedNamingTheLine(string text, string message)
    {
        var e = Assert.Throws<FileParseException>(() => EntryPoints.Parse(text, "entry_points.txt"));
        Assert.Equal(message, e.Message);
    }
}
