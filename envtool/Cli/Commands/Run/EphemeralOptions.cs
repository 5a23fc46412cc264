using System.CommandLine;
using System.Globalization;
using EnvTool.Cli.Commands.Environments;
using EnvTool.Cli.Commands.Store;
using EnvTool.Running;
using EnvTool.Store;
using EnvTool.Store.Errors;

namespace EnvTool.Cli.Commands.Run;

/// <summary>The options `run` and `x` share: --with, --python, --lock and the source options of every resolving command.</summary>
internal sealed class EphemeralOptions
{
    /// <summary>Days an unused ephemeral environment keeps its tree from gc (default 30).</summary>
    public const string LifetimeVariable = "ENVTOOL_EPHEMERAL_DAYS";

    private readonly Option<string[]> _with = new("--with", "-w") { DefaultValueFactory = _ => [], Description = "Also install this requirement or wheel (repeatable)" };
    private readonly Option<string?> _python = new("--python", "-p") { Description = "The interpreter: 3.11, cpython@3.12, a path... (default: the default Python, unless the script's requires-python rules it out)" };
    private readonly Option<string?> _lock = new("--lock") { Description = "Install exactly this PEP 751 lock file (default for a script: SCRIPT.lock beside it, when there is one)" };
    private SourceOptions? _sources;

    public void AddTo(Command command)
    {
        command.Options.Add(_with);
        command.Options.Add(_python);
        command.Options.Add(_lock);
        _sources = SourceOptions.AddTo(command, SourceScope.Install);
    }

    public string? Python(ParseResult parse) => parse.GetValue(_python);

    public RunOptions Read(ParseResult parse, ContentStore store)
    {
        var inputs = _sources!.Inputs(parse, parse.GetValue(_with) ?? []);
        return new RunOptions(inputs.Requests, parse.GetValue(_python), _sources.Sources(parse, inputs, store), parse.GetValue(_lock));
    }

    /// <summary>
    /// Opens the store, lets <paramref name="prepare"/> make the environment ready and say what to
    /// run, and replaces this process with it (see <see cref="ContentStore.PrepareForExec"/> for why
    /// the store is not disposed first).
    /// </summary>
    public static int Exec(ParseResult parse, Func<ContentStore, EphemeralRunner, ProgramLaunch> prepare)
    {
        var store = StoreLocation.Open(parse);
        ProgramLaunch launch;
        try
        {
            launch = prepare(store, new EphemeralRunner(store, lifetime: Lifetime()));
            store.PrepareForExec();
        }
        catch
        {
            store.Dispose();
            throw;
        }
        launch.Exec();
        return 0; // not reached: Exec returns only by throwing
    }

    private static TimeSpan? Lifetime()
    {
        if (Environment.GetEnvironmentVariable(LifetimeVariable) is not { Length: > 0 } text) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0
            ? TimeSpan.FromDays(days)
            : throw new EnvToolException($"{LifetimeVariable}='{text}' is not a positive number of days");
    }
}
