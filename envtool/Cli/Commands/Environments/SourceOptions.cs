using System.CommandLine;
using EnvTool.Index;
using EnvTool.Install;
using EnvTool.Resolve;
using EnvTool.Store;

namespace EnvTool.Cli.Commands.Environments;

/// <summary>How much of the source options a command takes.</summary>
internal enum SourceScope
{
    /// <summary>Fetching known files (sync): indexes and find-links, for credentials and --offline.</summary>
    Fetch,
    /// <summary>Resolving an environment's set again (remove): also -c and --pre.</summary>
    Resolve,
    /// <summary>Resolving new requirements (create, install, lock): also -r, --require-hashes and --no-deps.</summary>
    Install,
}

/// <summary>
/// The source options of every resolving command, named as pip and uv name them, defined once:
/// <c>--index-url/-i</c>, <c>--extra-index-url</c>, <c>--find-links/-f</c>, <c>--no-index</c>,
/// <c>--offline</c>, <c>--pre</c>, <c>-c/--constraint</c>, <c>-r/--requirement</c>,
/// <c>--require-hashes</c>, <c>--no-deps</c>. A requirements file's own option lines apply too.
/// </summary>
internal sealed class SourceOptions
{
    private readonly Option<string?> _indexUrl = new("--index-url", "-i") { Description = "The package index (a PEP 503 simple API URL); default $ENVTOOL_INDEX_URL, else $PIP_INDEX_URL or $UV_DEFAULT_INDEX" };
    private readonly Option<string[]> _extraIndexUrls = new("--extra-index-url") { DefaultValueFactory = _ => [], Description = "Another index, consulted before --index-url; a project is taken from the first index that has it (repeatable)" };
    private readonly Option<string[]> _findLinks = new("--find-links", "-f") { DefaultValueFactory = _ => [], Description = "A directory of wheels or an HTML page of links, added to the index (repeatable)" };
    private readonly Option<bool> _noIndex = new("--no-index") { Description = "Use no index: only --find-links locations and local wheels" };
    private readonly Option<bool> _offline = new("--offline") { Description = "Never use the network: only cached index pages and local files" };
    private readonly Option<bool> _pre = new("--pre") { Description = "Allow pre-release versions everywhere" };
    private readonly Option<string[]> _constraints = new("--constraint", "-c") { DefaultValueFactory = _ => [], Description = "Constrain versions with a constraints file (repeatable)" };
    private readonly Option<string[]> _requirements = new("--requirement", "-r") { DefaultValueFactory = _ => [], Description = "Install from a requirements file (repeatable)" };
    private readonly Option<bool> _requireHashes = new("--require-hashes") { Description = "Every package, dependencies included, must be pinned with --hash in a requirements file" };
    private readonly Option<bool> _noDeps = new("--no-deps") { Description = "Install only what is named, without dependencies" };
    private readonly SourceScope _scope;

    private SourceOptions(SourceScope scope) => _scope = scope;

    public static SourceOptions AddTo(Command command, SourceScope scope)
    {
        var options = new SourceOptions(scope);
        if (scope == SourceScope.Install)
        {
            command.Options.Add(options._requirements);
            command.Options.Add(options._requireHashes);
            command.Options.Add(options._noDeps);
        }
        if (scope >= SourceScope.Resolve)
        {
            command.Options.Add(options._constraints);
            command.Options.Add(options._pre);
        }
        foreach (var option in new Option[] { options._indexUrl, options._extraIndexUrls, options._findLinks, options._noIndex, options._offline })
            command.Options.Add(option);
        return options;
    }

    /// <summary>The REQ arguments of the commands that take new requirements (create, install, lock).</summary>
    public static Argument<string[]> Requirements() =>
        new Argument<string[]>("REQ")
        {
            DefaultValueFactory = _ => [],
            Description = "Requirements (flask, 'flask>=3', 'flask[async]') or wheel files (paths ending in .whl)",
            Arity = ArgumentArity.ZeroOrMore,
        }.Refused();

    /// <summary>The interpreter option of the commands that choose one (create, lock).</summary>
    public static Option<string?> Python() =>
        new("--python", "-p") { Description = "The interpreter: 3.11, cpython@3.12, a path... (default: .python-version, else the first python3 on PATH)" };

    /// <summary>The REQ arguments, -r files and -c files of the command line.</summary>
    public RequirementInputs Inputs(ParseResult parse, IEnumerable<string> arguments) =>
        RequirementInputs.Read(arguments,
            _scope == SourceScope.Install ? parse.GetValue(_requirements) ?? [] : [],
            _scope >= SourceScope.Resolve ? parse.GetValue(_constraints) ?? [] : []);

    /// <summary>The sources and rules, with the requirements files' option lines applied; the HTTP cache is <c>&lt;store&gt;/cache/http</c>.</summary>
    public InstallSources Sources(ParseResult parse, RequirementInputs inputs, ContentStore store)
    {
        var commandLine = new IndexOptions
        {
            IndexUrl = parse.GetValue(_indexUrl),
            ExtraIndexUrls = parse.GetValue(_extraIndexUrls) ?? [],
            FindLinks = parse.GetValue(_findLinks) ?? [],
            NoIndex = parse.GetValue(_noIndex),
            Offline = parse.GetValue(_offline),
        };
        var pre = _scope >= SourceScope.Resolve && parse.GetValue(_pre);
        return new InstallSources
        {
            Index = inputs.Apply(commandLine),
            HttpCacheDirectory = Path.Combine(store.Root, "cache", "http"),
            Prereleases = pre || inputs.AllowsPrereleases ? PrereleaseMode.Allow : PrereleaseMode.IfNecessaryOrExplicit,
            Constraints = inputs.Constraints,
            RequirementFiles = inputs.RequirementFiles,
            RequireHashes = _scope == SourceScope.Install && parse.GetValue(_requireHashes),
            NoDependencies = _scope == SourceScope.Install && parse.GetValue(_noDeps),
        };
    }
}
