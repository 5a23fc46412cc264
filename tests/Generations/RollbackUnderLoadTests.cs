using System.Collections.Concurrent;
using EnvTool.Environments;
using EnvTool.Python;
using EnvTool.Store;
using EnvTool.Store.Trees;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Generations;

/// <summary>Switching generations while Pythons keep starting through the environment path never breaks one.</summary>
public sealed class RollbackUnderLoadTests : IDisposable
{
    private readonly TempDir _dir = new("envtool-gen-load");

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void Two_hundred_switches_under_four_looping_interpreters()
    {
        var python = TestPythons.RequireDefault();
        var info = InterpreterCache.Default.Get(python);
        using var store = ContentStore.Open(_dir.Sub("store"));
        var manager = new EnvironmentManager(store, findInterpreter: _ => info);
        var env = _dir.Sub("project", ".venv");
        var v1 = Packages.Wheel(_dir.Sub("wheels"), "pkg", "1.0");
        var v2 = PackageRequest.FromArgument(Packages.Wheel(_dir.Sub("wheels"), "pkg", "2.0"));
        manager.Create(new CreateRequest(env, [PackageRequest.FromArgument(v1)], InterpreterRequest.Any, LinkMode.Hardlink, Compile: true, "create"));

        var outcomes = new ConcurrentBag<Packages.PythonRun>();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
                outcomes.Add(Packages.Python(env, "import pkg; print(pkg.__version__)"));
        }, TaskCreationOptions.LongRunning)).ToList();

        try
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.True(manager.Install(env, [v2], "install pkg 2.0").Changed);
                Assert.True(manager.Rollback(env, null, "rollback").Changed);
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(loops);
        }

        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, run =>
        {
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains(run.Stdout, new[] { "1.0", "2.0" });
        });
        Assert.Equal(201, manager.History(env).Generations.Count);
        Assert.Equal(2, Directory.GetDirectories(store.Layout.TreesDir).Length);
    }
}
