using System.Text.Json.Nodes;
using EnvTool.Python;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Python;

/// <summary>
/// The interpreter here is a real Python behind a wrapper script that records each run in a log
/// file: the log shows exactly when Python was spawned, and the wrapper is a file of our own whose
/// modification time and size the tests may change.
/// </summary>
public class InterpreterCacheTests
{
    private sealed class CountingPython : IDisposable
    {
        public CountingPython()
        {
            var python = TestPythons.RequireDefault();
            Temp = new TempDir();
            Log = Temp.Sub("runs.log");
            Path = PythonFacts.WriteScript(Temp.Sub("python3"), $"echo run >> '{Log}'\nexec '{python}' \"$@\"\n");
            Cache = new InterpreterCache(Temp.Sub("cache"));
        }

        public TempDir Temp { get; }
        public string Log { get; }
        public string Path { get; }
        public InterpreterCache Cache { get; }
        public int Runs => File.Exists(Log) ? File.ReadAllLines(Log).Length : 0;

        public void Dispose() => Temp.Dispose();
    }

    [SkippableFact]
    public void SecondLookupRunsNoPython()
    {
        using var python = new CountingPython();
        var first = python.Cache.Get(python.Path);
        Assert.Equal(1, python.Runs);
        Assert.True(File.Exists(python.Cache.EntryPath(python.Path)));

        var second = python.Cache.Get(python.Path);
        Assert.Equal(1, python.Runs);
        Assert.Equal(first.FullVersion, second.FullVersion);
        Assert.Equal(first.ConfigVars, second.ConfigVars);
        Assert.Equal(first.Markers, second.Markers);
        Assert.Equal(first with { ConfigVars = second.ConfigVars }, second);
    }

    [SkippableFact]
    public void TheAnswerComesFromTheCacheFileUntilTheExecutableChanges()
    {
        using var python = new CountingPython();
        var real = python.Cache.Get(python.Path);
        var entry = python.Cache.EntryPath(python.Path);

        // Prove the file is what answers: edit it, and the edit comes back.
        var json = JsonNode.Parse(File.ReadAllText(entry))!;
        var answer = JsonNode.Parse(json["answer"]!.GetValue<string>())!;
        answer["full_version"] = "9.9.9";
        json["answer"] = answer.ToJsonString();
        File.WriteAllText(entry, json.ToJsonString());
        Assert.Equal("9.9.9", python.Cache.Get(python.Path).FullVersion);
        Assert.Equal(1, python.Runs);

        // A new modification time means a new binary: probe again and rewrite the entry.
        File.SetLastWriteTimeUtc(python.Path, File.GetLastWriteTimeUtc(python.Path).AddSeconds(5));
        Assert.Equal(real.FullVersion, python.Cache.Get(python.Path).FullVersion);
        Assert.Equal(2, python.Runs);
        Assert.DoesNotContain("9.9.9", File.ReadAllText(entry));
        python.Cache.Get(python.Path);
        Assert.Equal(2, python.Runs);
    }

    [SkippableFact]
    public void ASizeChangeWithTheSameModificationTimeIsAlsoAChange()
    {
        using var python = new CountingPython();
        python.Cache.Get(python.Path);
        var mtime = File.GetLastWriteTimeUtc(python.Path);
        File.AppendAllText(python.Path, "# rebuilt\n");
        File.SetLastWriteTimeUtc(python.Path, mtime);
        python.Cache.Get(python.Path);
        Assert.Equal(2, python.Runs);
    }

    [SkippableFact]
    public void AnEntryFromAnotherProbeScriptOrADamagedEntryIsProbedAgain()
    {
        using var python = new CountingPython();
        python.Cache.Get(python.Path);
        var entry = python.Cache.EntryPath(python.Path);

        var json = JsonNode.Parse(File.ReadAllText(entry))!;
        json["script"] = "0000000000000000";
        File.WriteAllText(entry, json.ToJsonString());
        python.Cache.Get(python.Path);
        Assert.Equal(2, python.Runs);

        File.WriteAllText(entry, "{ truncated");
        var info = python.Cache.Get(python.Path);
        Assert.Equal(3, python.Runs);
        Assert.Equal(python.Path, info.Executable);
        python.Cache.Get(python.Path);
        Assert.Equal(3, python.Runs);
    }

    [SkippableFact]
    public void EntriesAreWrittenWithoutLeavingTemporaryFiles()
    {
        using var python = new CountingPython();
        python.Cache.Get(python.Path);
        var files = Directory.GetFiles(python.Cache.Directory);
        Assert.Equal([python.Cache.EntryPath(python.Path)], files);
    }

    [SkippableFact]
    public void EachAskedPathKeepsItsOwnNameAndAVenvIsNotItsBase()
    {
        var python = TestPythons.RequireDefault();
        using var temp = new TempDir();
        var cache = new InterpreterCache(temp.Sub("cache"));
        var venv = temp.Sub("venv");
        PythonFacts.Run(python, ["-m", "venv", "--without-pip", venv]);
        var venvPython = Path.Combine(venv, "bin", "python");

        var baseInfo = cache.Get(python);
        var venvInfo = cache.Get(venvPython);
        // Same binary behind both, yet the venv answers for itself.
        Assert.Equal(baseInfo.RealExecutable, venvInfo.RealExecutable);
        Assert.False(baseInfo.IsVirtualEnv);
        Assert.True(venvInfo.IsVirtualEnv);
        Assert.Equal(venvPython, cache.Get(venvPython).Executable);
        Assert.Equal(python, cache.Get(python).Executable);
        Assert.True(cache.Get(venvPython).IsVirtualEnv);
    }

    [Fact]
    public void FailuresAreNotCached()
    {
        using var temp = new TempDir();
        var cache = new InterpreterCache(temp.Sub("cache"));
        var broken = PythonFacts.WriteScript(temp.Sub("python3"), "exit 1\n");
        Assert.Throws<InterpreterProbeException>(() => cache.Get(broken));
        Assert.False(File.Exists(cache.EntryPath(broken)));
    }
}
