using System.CommandLine;
using System.Runtime.CompilerServices;

namespace EnvTool.Cli;

/// <summary>
/// Commands that run another program (`run`, `x`): everything after the program's name belongs to
/// that program, verbatim, even when it looks like one of envtool's options
/// (`envtool run script.py --python x` passes `--python x` to the script). The parser only ever sees
/// envtool's part; the program and its arguments are split off first and kept in <see cref="Current"/>.
/// </summary>
public static class PassThroughArguments
{
    private static readonly ConditionalWeakTable<Command, object> Marked = new();

    /// <summary>The program named on this command line and its arguments, or null when none was named.</summary>
    /// <param name="Program">The script, command or tool, as written.</param>
    /// <param name="AfterDoubleDash">It followed `--`: a command, never a script.</param>
    public sealed record Invocation(string Program, bool AfterDoubleDash, IReadOnlyList<string> Arguments);

    public static Invocation? Current { get; private set; }

    /// <summary>Marks <paramref name="command"/> as one whose first positional argument is a program to run.</summary>
    public static T PassingThrough<T>(this T command) where T : Command
    {
        Marked.AddOrUpdate(command, true);
        return command;
    }

    /// <summary>
    /// Walks the command line as the parser will (options and their values, subcommand names); at a
    /// marked command, the first positional argument (or what follows `--`) starts the program's
    /// part. Returns the arguments for the parser and sets <see cref="Current"/>.
    /// </summary>
    public static string[] Split(Command root, string[] args)
    {
        Current = null;
        Command command = root;
        for (var i = 0; i < args.Length;)
        {
            var arg = args[i];
            var marked = Marked.TryGetValue(command, out _);
            if (arg == "--")
            {
                if (!marked) return args;
                if (i + 1 < args.Length) Current = new Invocation(args[i + 1], true, args[(i + 2)..]);
                return args[..i];
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                i += Width(command, arg);
                continue;
            }
            if (marked)
            {
                Current = new Invocation(arg, false, args[(i + 1)..]);
                return args[..i];
            }
            if (command.Subcommands.FirstOrDefault(s => s.Name == arg || s.Aliases.Contains(arg)) is not { } sub) return args;
            command = sub;
            i++;
        }
        return args;
    }

    /// <summary>How many arguments an option occupies: 2 when it takes a value not given with '=', else 1.</summary>
    private static int Width(Command command, string arg)
    {
        var eq = arg.IndexOf('=');
        if (eq > 0) return 1;
        var option = OptionsInScope(command).FirstOrDefault(o => o.Name == arg || o.Aliases.Contains(arg));
        if (option is null || option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0) return 1;
        return 2;
    }

    private static IEnumerable<Option> OptionsInScope(Command command)
    {
        foreach (var option in command.Options) yield return option;
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            foreach (var option in parent.Options.Where(o => o.Recursive))
                yield return option;
    }
}
