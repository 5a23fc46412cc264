using EnvTool.Environments.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Trees;

/// <summary>Trees are planned from the catalog's list of each entry's files: it must be exactly what the entry holds.</summary>
public sealed class EntryFilesTests
{
    [Fact]
    public void The_catalog_lists_an_entrys_files_as_a_walk_of_its_directory_finds_them()
    {
        using var t = new TreeTestStore();
        var wheel = new WheelBuilder("nested", "2.0")
            .File("nested/__init__.py", "x = 1\n")
            .File("nested/sub/deep/data.bin", "bytes")
            .File("nested/Zeta.txt", "upper case sorts first\n")
            .File("nested-2.0.data/scripts/tool", "#!python\nprint(1)\n")
            .File("other_top.py", "y = 2\n");
        var package = t.Package(wheel);
        var sha = package.Entry.ArtifactSha256;

        var listed = t.Store.EntryFiles([sha]);

        var walked = EntryDistInfo.Files(package.Entry.Path).Select(f => f.Replace('\\', '/')).ToList();
        Assert.Contains("nested/sub/deep/data.bin", walked);
        Assert.Equal(walked, listed[sha]);
    }

    [Fact]
    public void An_entry_the_catalog_has_no_files_for_is_left_out()
    {
        using var t = new TreeTestStore();
        var known = t.Package(new WheelBuilder("known", "1.0").File("known/__init__.py", ""));
        var unknown = new string('a', 64);

        var listed = t.Store.EntryFiles([known.Entry.ArtifactSha256, unknown]);

        Assert.True(listed.ContainsKey(known.Entry.ArtifactSha256));
        Assert.False(listed.ContainsKey(unknown));
    }
}
