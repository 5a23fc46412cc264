using System.Collections.Concurrent;
using EnvTool.Store.Verify;
using EnvTool.Tests.Generations;
using EnvTool.Tests.Support;
using EnvTool.Tests.Wheels;
using Xunit.Abstractions;

namespace EnvTool.Tests.Gc;

/// <summary>
/// Invariant 4 under load: four envtool processes at a time create environments from a shared pool
/// of wheels and delete them again, while `store gc` with no grace window runs over and over. No
/// create may fail, every environment must import its packages right after it was made and at the
/// end, and the store must verify clean with nothing on disk the catalog does not list.
/// </summary>
public sealed class GcConcurrencyTests : IDisposable
{
    private const int Creators = 4;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(35);

    private readonly GcStore _store = new();
    private readonly ITestOutputHelper _output;

    public GcConcurrencyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public void Dispose() => _store.Dispose();

    [SkippableFact]
    public void Gc_running_again_and_again_never_takes_what_concurrent_creates_use()
    {
        var python = TestPythons.RequireDefault();
        var pool = Enumerable.Range(0, 6).Select(i => (Name: $"pkg{i}", Wheel: _store.Wheel($"pkg{i}", padding: 2000 * (i + 1)))).ToList();
        var failures = new ConcurrentQueue<string>();
        var alive = new ConcurrentDictionary<string, string[]>();
        var deadline = DateTime.UtcNow + Duration;
        var creates = 0;
        var gcRuns = 0;
        var collectingRuns = 0;
        var objectsRemoved = 0;

        var creators = Enumerable.Range(0, Creators).Select(c => Task.Run(() =>
        {
            var random = new Random(c);
            string? previous = null;
            for (var i = 0; DateTime.UtcNow < deadline && failures.IsEmpty; i++)
            {
                var path = _store.Sub($"creator{c}", $"env{i}");
                var chosen = pool.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
                string[] args = ["create", path, .. chosen.Select(p => p.Wheel), "--python", python, "--link-mode", "hardlink", .. (i % 2 == 0 ? new[] { "--no-compile" } : [])];
                var result = StoreCli.Run(_store.Root, args);
                if (result.ExitCode != 0)
                {
                    failures.Enqueue($"create {path} exited {result.ExitCode}: {result.Stderr}");
                    break;
                }
                var names = chosen.Select(p => p.Name).ToArray();
                var check = Packages.Python(path, $"import {string.Join(", ", names)}");
                if (check.ExitCode != 0) failures.Enqueue($"{path} cannot import {string.Join(", ", names)}: {check.Stderr}");
                Interlocked.Increment(ref creates);
                alive[path] = names;
                if (previous is not null)
                {
                    alive.TryRemove(previous, out _);
                    File.Delete(previous); // the user removes an environment by deleting its path
                }
                previous = path;
            }
        })).ToList();

        var collector = Task.Run(() =>
        {
            while (!creators.All(t => t.IsCompleted))
            {
                var result = StoreCli.Run(_store.Root, "store", "gc", "--grace", "0s");
                if (result.ExitCode != 0) failures.Enqueue($"gc exited {result.ExitCode}: {result.Stderr}");
                Interlocked.Increment(ref gcRuns);
                if (result.Stdout.Contains(" tree", StringComparison.Ordinal) && result.Stdout.Contains("removed ", StringComparison.Ordinal)) collectingRuns++;
                if (System.Text.RegularExpressions.Regex.IsMatch(result.Stdout, @"\d+ objects?\b")) objectsRemoved++;
            }
        });
        Task.WaitAll([.. creators, collector]);

        _output.WriteLine($"{creates} creates, {gcRuns} gc runs, {collectingRuns} removed trees, {objectsRemoved} removed objects");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(creates >= Creators && collectingRuns >= 1, $"{creates} creates, {gcRuns} gc runs, {collectingRuns} removed trees");

        // Quiet now: a last gc removes everything the deleted environments held.
        StoreCli.Ok(_store.Root, "store", "gc", "--grace", "0s");
        Assert.Equal(alive.Keys.Order(StringComparer.Ordinal), _store.Column("SELECT path FROM environments"));
        foreach (var (path, names) in alive)
        {
            var check = Packages.Python(path, $"import {string.Join(", ", names)}");
            Assert.True(check.ExitCode == 0, $"{path} cannot import {string.Join(", ", names)}: {check.Stderr}");
        }
        using (var store = _store.Open())
        {
            var report = store.Verify(new VerifyOptions { Full = true });
            Assert.True(report.IsClean, string.Join("\n", report.Problems.Select(p => $"{p.Kind} {p.Path} {p.Detail}")));
        }
        Assert.Equal(_store.Column("SELECT artifact_sha256 FROM entries"), _store.OnDisk("entries"));
        Assert.Equal(_store.Column("SELECT key FROM trees"), _store.OnDisk("trees"));
        Assert.Equal(_store.CataloguedObjects(), _store.ObjectFiles());
        Assert.InRange(_store.OnDisk("trees").Count, 1, alive.Count); // only the live environments' trees are left
        Assert.Empty(_store.Column("SELECT id FROM roots"));
    }
}
