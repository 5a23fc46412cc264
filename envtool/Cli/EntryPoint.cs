using System.CommandLine;
using EnvTool.Store;

namespace EnvTool.Cli;

/// <summary>Builds the command tree and runs it. Every command lives in <c>Cli/Commands</c>.</summary>
public static class EntryPoint
{
    public static int Run(string[] args)
    {
        var root = new RootCommand(
            "envtool: instant, versioned Python environments built from a content-addressed store.");
        // A command that works on the store has SQLite set up on another core while its command line
        // is parsed (an empty create took 0.85 ms less). Started once the root command exists: both
        // need the runtime's reflection set up, and doing the two at once cost 0.35 ms of waiting.
        // --help, --version and python do not pay for the extra thread.
        if (Commands.CommandList.OpensStore(args)) ContentStore.PrepareInBackground();
        root.Options.Add(GlobalOptions.Store);
        foreach (var command in Commands.CommandList.For(args))
            root.Subcommands.Add(command);
        HelpText.Install(root);
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        return root.Parse(PassThroughArguments.Split(root, args)).Invoke(config);
    }
}
