using System.CommandLine;
using EnvTool.Environments;
using EnvTool.Running;
using EnvTool.Cli.Commands.Store;
using EnvTool.Store;

namespace EnvTool.Cli.Commands.Run;

/// <summary>The options `run` and `x` share: --with, --python, --lock and the sources.</summary>
internal sealed class EphemeralOptions
{
    private readonly Option<string[]> _with = new("--with", "-w") { Description = "Also install this requirement or wheel (repeatable)" };
    private readonly Option<string?> _python = new("--python", "-p") { Description = "The interpreter: 3.11, cpython@3.12, a path... (default: the script's requires-python, else the default Python)" };
    private readonly RunSourceOptions _sources = new();

    public void AddTo(Command command)
    {
        command.Options.Add(_with);
        command.Options.Add(_python);
        _sources.AddTo(command);
    }

    public RunOptions Read(ParseResult parse) =>
        new(parse.GetValue(_with) ?? [], parse.GetValue(_python), _sources.Sources(parse), _sources.Pre(parse));

    /// <summary>
    /// Opens the store, lets <paramref name="prepare"/> make the environment ready and say what to
    /// run, and replaces this process with it. The catalog's connections are deliberately left open:
    /// closing the last one checkpoints the WAL (fsyncs: milliseconds on the warm path for nothing);
    /// exec closes them (they are close-on-exec) and the next opener carries on as after any exit.
    /// </summary>
    public static int Exec(ParseResult parse, Func<ContentStore, ProgramLaunch> prepare)
    {
        var store = StoreLocation.Open(parse);
        ProgramLaunch launch;
        try
        {
            launch = prepare(store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        launch.Exec();
        return 0; // not reached: Exec returns only by throwing
    }

    /// <summary>Prepares environments with the package provider for the run's sources.</summary>
    public static EphemeralRunner Runner(ContentStore store) =>
        new(store, (_, _) => new WheelFileProvider(store));
}
