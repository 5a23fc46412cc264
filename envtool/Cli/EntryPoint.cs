using System.CommandLine;

namespace EnvTool.Cli;

/// <summary>Builds the command tree and runs it. Every command lives in <c>Cli/Commands</c>.</summary>
public static class EntryPoint
{
    private const string Description =
        "envtool: instant, versioned Python environments built from a content-addressed store.";

    public static int Run(string[] args)
    {
        var standard = StandardOptions.Named(args);
        var parse = Parse(args, standard);
        // The lean root has no --help to show with an error: the line is parsed again with the
        // standard root, so every error reads exactly as it would have.
        if (!standard && parse.Errors.Count > 0) parse = Parse(args, standardOptions: true);
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static ParseResult Parse(string[] args, bool standardOptions)
    {
        var root = standardOptions ? new RootCommand(Description) : StandardOptions.LeanRoot(Description);
        root.Options.Add(GlobalOptions.Store);
        foreach (var command in Commands.CommandList.For(args))
            root.Subcommands.Add(command);
        if (root is RootCommand standardRoot) HelpText.Install(standardRoot);
        return root.Parse(PassThroughArguments.Split(root, args));
    }
}
