using System.CommandLine;
using EnvTool.Index;

namespace EnvTool.Cli.Commands.Run;

/// <summary>The source options of `run` and `x` (pip's and uv's names); they come before a script's own [tool.envtool] sources.</summary>
internal sealed class RunSourceOptions
{
    private readonly Option<string?> _indexUrl = new("--index-url", "-i") { Description = "The package index (replaces the script's index-url)" };
    private readonly Option<string[]> _extraIndexUrl = new("--extra-index-url") { Description = "Another package index (repeatable)" };
    private readonly Option<string[]> _findLinks = new("--find-links", "-f") { Description = "A directory or page listing wheels (repeatable)" };
    private readonly Option<bool> _noIndex = new("--no-index") { Description = "Use no package index, only --find-links" };
    private readonly Option<bool> _pre = new("--pre") { Description = "Allow pre-release versions" };

    public void AddTo(Command command)
    {
        command.Options.Add(_indexUrl);
        command.Options.Add(_extraIndexUrl);
        command.Options.Add(_findLinks);
        command.Options.Add(_noIndex);
        command.Options.Add(_pre);
    }

    public IndexOptions Sources(ParseResult parse) => new()
    {
        IndexUrl = parse.GetValue(_indexUrl),
        ExtraIndexUrls = parse.GetValue(_extraIndexUrl) ?? [],
        FindLinks = (parse.GetValue(_findLinks) ?? []).Select(l => l.Contains("://", StringComparison.Ordinal) ? l : Path.GetFullPath(l)).ToList(),
        NoIndex = parse.GetValue(_noIndex),
    };

    public bool Pre(ParseResult parse) => parse.GetValue(_pre);
}
