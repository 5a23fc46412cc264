using System.CommandLine;

namespace EnvTool.Cli;

/// <summary>Builds the command tree and runs it. Every command lives in <c>Cli/Commands</c>.</summary>
public static class EntryPoint
{
    public static int Run(string[] args)
    {
        var root = new RootCommand(
            "envtool: instant, versioned Python environments built from a content-addressed store.");
        root.Options.Add(GlobalOptions.Store);
        foreach (var command in Commands.CommandList.For(args))
            root.Subcommands.Add(command);
        HelpText.Install(root);
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        return root.Parse(PassThroughArguments.Split(root, args)).Invoke(config);
    }
}
