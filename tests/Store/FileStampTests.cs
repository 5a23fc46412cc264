using EnvTool.Store.IO;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Store;

public class FileStampTests
{
    [Fact]
    public void A_symlink_is_stamped_as_what_it_names_and_nothing_there_has_no_stamp()
    {
        using var temp = new TempDir();
        var file = temp.Sub("a.whl");
        File.WriteAllBytes(file, [1, 2, 3]);
        var link = temp.Sub("link.whl");
        File.CreateSymbolicLink(link, file);
        Assert.Equal(FileStamp.Of(file), FileStamp.Of(link));
        Assert.Equal(3, FileStamp.Of(link)!.Value.Size);
        Assert.Null(FileStamp.Of(temp.Sub("missing.whl")));
        Assert.Null(FileStamp.Of(Path.Combine(file, "under-a-file")));
    }

    [Fact]
    public void A_rewrite_in_place_and_a_new_directory_entry_change_the_stamps()
    {
        using var temp = new TempDir();
        var dir = temp.Sub("wheels");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "a.whl");
        File.WriteAllBytes(file, [1, 2, 3]);
        var (fileBefore, dirBefore) = (FileStamp.Of(file), FileStamp.Of(dir));
        var mtime = File.GetLastWriteTimeUtc(file);

        Thread.Sleep(20);
        File.WriteAllBytes(file, [4, 5, 6]);
        File.SetLastWriteTimeUtc(file, mtime); // same size, same modification time: only the change time tells
        Assert.NotEqual(fileBefore, FileStamp.Of(file));
        Assert.Equal(fileBefore!.Value.Inode, FileStamp.Of(file)!.Value.Inode);
        Assert.Equal(dirBefore, FileStamp.Of(dir));

        File.WriteAllBytes(Path.Combine(dir, "b.whl"), [7]);
        Assert.NotEqual(dirBefore, FileStamp.Of(dir));
    }

    [Fact]
    public void A_stamp_is_recent_within_the_margin_of_its_last_change()
    {
        using var temp = new TempDir();
        var file = temp.Sub("a.whl");
        File.WriteAllBytes(file, [1]);
        var stamp = FileStamp.Of(file)!.Value;
        var now = DateTimeOffset.UtcNow;
        Assert.True(stamp.IsRecent(now, TimeSpan.FromMinutes(1)));
        Assert.False(stamp.IsRecent(now + TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1)));
        // No margin: nothing written before now is recent, even within the same millisecond.
        Assert.False(stamp.IsRecent(DateTimeOffset.FromUnixTimeMilliseconds(stamp.MtimeNs / 1_000_000 + 1), TimeSpan.Zero));
        Assert.True(stamp.IsRecent(DateTimeOffset.FromUnixTimeMilliseconds(stamp.MtimeNs / 1_000_000), TimeSpan.Zero)
                    || stamp.MtimeNs % 1_000_000 == 0);
        Assert.Equal($"{stamp.Device} {stamp.Inode} {stamp.Size} {stamp.MtimeNs} {stamp.CtimeNs}", stamp.ToString());
    }
}
