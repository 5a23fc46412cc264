using System.Security.Cryptography;
using EnvTool.Install;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Install;

public class LocalFileDigestsTests
{
    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static string EntryFile(string cache) => Directory.GetFiles(Path.Combine(cache, "file-digests")).Single();

    [Fact]
    public void The_remembered_digest_answers_while_the_file_is_unchanged()
    {
        using var temp = new TempDir();
        var wheel = temp.Sub("demo-1.0-py3-none-any.whl");
        File.WriteAllBytes(wheel, [1, 2, 3]);
        var digests = new LocalFileDigests(temp.Sub("cache"), TimeSpan.Zero);
        Assert.Equal(Sha(wheel), digests.Sha256(wheel));

        // Prove the cache answers: plant another digest under the same stamp and it comes back.
        var entry = EntryFile(temp.Sub("cache"));
        var lines = File.ReadAllText(entry).Split('\n');
        var planted = new string('a', 64);
        File.WriteAllText(entry, lines[0] + "\n" + planted);
        Assert.Equal(planted, digests.Sha256(wheel));
    }

    [Fact]
    public void A_rewrite_with_the_same_size_and_modification_time_is_hashed_again()
    {
        using var temp = new TempDir();
        var wheel = temp.Sub("demo-1.0-py3-none-any.whl");
        File.WriteAllBytes(wheel, [1, 2, 3]);
        var digests = new LocalFileDigests(temp.Sub("cache"), TimeSpan.Zero);
        digests.Sha256(wheel);
        var mtime = File.GetLastWriteTimeUtc(wheel);

        Thread.Sleep(20); // a later change time
        File.WriteAllBytes(wheel, [9, 9, 9]);
        File.SetLastWriteTimeUtc(wheel, mtime);
        Assert.Equal(Sha(wheel), digests.Sha256(wheel));
    }

    [Fact]
    public void A_file_changed_within_the_settle_time_is_hashed_but_not_remembered()
    {
        using var temp = new TempDir();
        var wheel = temp.Sub("demo-1.0-py3-none-any.whl");
        File.WriteAllBytes(wheel, [7, 8, 9]);
        var digests = new LocalFileDigests(temp.Sub("cache"), TimeSpan.FromHours(1));
        Assert.Equal(Sha(wheel), digests.Sha256(wheel));
        Assert.False(Directory.Exists(Path.Combine(temp.Sub("cache"), "file-digests")));
        Assert.Null(digests.Cached(wheel));
    }

    [Fact]
    public void A_damaged_or_unwritable_cache_only_costs_a_hash()
    {
        using var temp = new TempDir();
        var wheel = temp.Sub("demo-1.0-py3-none-any.whl");
        File.WriteAllBytes(wheel, [4, 5, 6]);
        var cache = temp.Sub("cache");
        var digests = new LocalFileDigests(cache, TimeSpan.Zero);
        digests.Sha256(wheel);
        File.WriteAllText(EntryFile(cache), "garbage");
        Assert.Equal(Sha(wheel), digests.Sha256(wheel));

        var blocked = temp.Sub("blocked");
        File.WriteAllText(blocked, "a file where the cache directory would be");
        Assert.Equal(Sha(wheel), new LocalFileDigests(blocked, TimeSpan.Zero).Sha256(wheel));
    }
}
