using System.CommandLine;

namespace EnvTool.Cli;

public enum OutputFormat { Text, Json }

/// <summary>The <c>--format text|json</c> option of every command whose output is a listing.</summary>
public static class OutputFormatOption
{
    public static Option<OutputFormat> Create() => new("--format")
    {
        Description = "Output format: text (a table for people) or json (for scripts)",
        DefaultValueFactory = _ => OutputFormat.Text,
    };
}
