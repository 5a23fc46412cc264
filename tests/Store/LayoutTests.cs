using EnvTool.Store.Layout;
using EnvTool.Store.Objects;

namespace EnvTool.Tests.Store;

public sealed class LayoutTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_default_root_follows_ENVTOOL_STORE_then_XDG_DATA_HOME_then_home()
    {
        Assert.Equal("/srv/store", StoreLayout.DefaultRoot(Env(("ENVTOOL_STORE", "/srv/store"), ("XDG_DATA_HOME", "/x"), ("HOME", "/h"))));
        Assert.Equal("/x/envtool", StoreLayout.DefaultRoot(Env(("XDG_DATA_HOME", "/x"), ("HOME", "/h"))));
        Assert.Equal("/h/.local/share/envtool", StoreLayout.DefaultRoot(Env(("XDG_DATA_HOME", "relative/ignored"), ("HOME", "/h"))));
        Assert.Equal("/h/.local/share/envtool", StoreLayout.DefaultRoot(Env(("ENVTOOL_STORE", ""), ("HOME", "/h"))));
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "rel"), StoreLayout.DefaultRoot(Env(("ENVTOOL_STORE", "rel"))));
    }

    [Fact]
    public void Object_paths_are_sharded_by_the_first_two_hex_digits_with_mode_and_copy_suffixes()
    {
        var layout = new StoreLayout("/store");
        var sha = "ab" + new string('c', 62);
        Assert.Equal("/store/objects/ab/" + new string('c', 62), layout.ObjectPath(new ObjectRef(sha, false)));
        Assert.Equal("/store/objects/ab/" + new string('c', 62) + "x", layout.ObjectPath(new ObjectRef(sha, true)));
        Assert.Equal("/store/objects/ab/" + new string('c', 62) + "x.2", layout.ObjectPath(new ObjectRef(sha, true, 2)));
        Assert.Equal("/store/entries/" + sha, layout.EntryDir(sha));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("x.1", null)]
    [InlineData("{62}", false)]
    [InlineData("{62}x", true)]
    [InlineData("{62}.3", false)]
    [InlineData("{62}x.3", true)]
    [InlineData("{62}.0", null)]
    [InlineData("{62}.03", null)]
    [InlineData("{62}y", null)]
    public void Object_file_names_parse_back_only_in_the_spelling_the_store_writes(string name, bool? executable)
    {
        var parsed = EnvTool.Store.Verify.OrphanFinder.Parse("ab", name.Replace("{62}", new string('c', 62), StringComparison.Ordinal));
        Assert.Equal(executable, parsed?.Executable);
        if (parsed is { } p) Assert.Equal(p.FileName, name.Replace("{62}", new string('c', 62), StringComparison.Ordinal));
    }
}
