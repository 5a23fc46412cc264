using System.Text.RegularExpressions;
using EnvTool.Store.Native;

namespace EnvTool.Python;

/// <summary>
/// Finds Python interpreters the way uv does, for building environments (so only base interpreters).
/// <para>Where it looks, in order (earlier wins ties and duplicates; duplicates are the same real path):</para>
/// <list type="number">
/// <item>The base interpreter of the activated virtual environment ($VIRTUAL_ENV's pyvenv.cfg). The venv
/// itself is never a candidate (an environment is built from a base interpreter, as uv does for
/// `uv venv`), but activating one says which Python you work with, so its base comes first.</item>
/// <item>PATH, directory by directory: <c>python3</c>, <c>python</c>, then <c>python3.N</c> newest first.
/// pyenv shims are followed to the version pyenv would select; a shim that selects "system" or a
/// version without that program is passed over (the real one is found further down PATH).</item>
/// <item>pyenv's installations, <c>$PYENV_ROOT/versions/*/bin/python3</c>, newest first.</item>
/// <item>The distribution's <c>/usr/local/bin</c> and <c>/usr/bin</c> <c>python3</c> and <c>python3.N</c>.</item>
/// </list>
/// <para>What <see cref="Find"/> returns:</para>
/// <list type="bullet">
/// <item>A path: that interpreter (a directory means its <c>bin/python3</c>, <c>bin/python</c>, <c>python3</c> or <c>python</c>).</item>
/// <item>An executable name: the first such file on PATH, as a shell would run it.</item>
/// <item>No request: the nearest <c>.python-version</c>'s request if there is one, else the first interpreter
/// found in the order above: what `python3` runs in this shell, unless a venv is active.</item>
/// <item>A version or implementation: among the matches, final releases before pre-releases, then the newest
/// version, then CPython before other implementations (when none was named), then discovery order.</item>
/// </list>
/// Probe answers come from <see cref="InterpreterCache"/>: only new or changed interpreters run Python.
/// </summary>
public sealed partial class InterpreterDiscovery
{
    private readonly InterpreterCache _cache;
    private readonly DiscoveryEnvironment _environment;
    private readonly Lazy<DiscoveryResult> _all;

    public InterpreterDiscovery(InterpreterCache cache, DiscoveryEnvironment environment)
    {
        _cache = cache;
        _environment = environment;
        _all = new Lazy<DiscoveryResult>(Discover);
    }

    public static InterpreterDiscovery FromProcess() => new(InterpreterCache.Default, DiscoveryEnvironment.FromProcess());

    /// <summary>Every distinct usable interpreter, in discovery order.</summary>
    public DiscoveryResult FindAll() => _all.Value;

    /// <summary>The interpreter that best satisfies <paramref name="request"/> (see the class comment).</summary>
    /// <exception cref="InterpreterNotFoundException">Nothing matches.</exception>
    /// <exception cref="InterpreterProbeException">A requested path is not a usable interpreter.</exception>
    public InterpreterInfo Find(InterpreterRequest request)
    {
        if (request.Kind != InterpreterRequestKind.Any)
            return Find(request, _environment.WorkingDirectory, origin: null);
        if (PythonVersionFile.FindFrom(_environment.WorkingDirectory) is { } pinned)
            return Find(pinned.Request(), Path.GetDirectoryName(pinned.FilePath)!, pinned.FilePath);
        return FirstFound()
            ?? throw new InterpreterNotFoundException(request,
                "nothing on PATH, in pyenv's versions or in " + string.Join(" or ", _environment.SystemDirectories.DefaultIfEmpty("the system directories")) + " is a usable Python",
                found: null);
    }

    /// <summary>
    /// The first usable interpreter in discovery order (what <see cref="FindAll"/> would list first),
    /// asking only as many candidates as it takes: usually one cache read, so `envtool run` stays fast.
    /// </summary>
    private InterpreterInfo? FirstFound()
    {
        if (_all.IsValueCreated) return _all.Value.Found.FirstOrDefault()?.Info;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, _) in Candidates())
        {
            if (RealPath.Resolve(path) is not { } real || !seen.Add(real)) continue;
            try { return _cache.Get(path); }
            catch (InterpreterProbeException) { }
        }
        return null;
    }

    private InterpreterInfo Find(InterpreterRequest request, string baseDirectory, string? origin) => request.Kind switch
    {
        InterpreterRequestKind.Path => FindPath(request, baseDirectory, origin),
        InterpreterRequestKind.ExecutableName => FindOnSearchPath(request, origin),
        InterpreterRequestKind.Version => Best(request, origin),
        _ => throw new InvalidOperationException("an Any request is resolved before this point"),
    };

    private InterpreterInfo FindPath(InterpreterRequest request, string baseDirectory, string? origin)
    {
        var path = Path.GetFullPath(request.Path!, baseDirectory);
        string[] inside = ["bin/python3", "bin/python", "python3", "python"];
        var exe = !Directory.Exists(path) ? path
            : inside.Select(n => Path.Combine(path, n)).FirstOrDefault(IsExecutableFile)
              ?? throw new InterpreterNotFoundException(request,
                  $"the directory '{path}' holds none of {string.Join(", ", inside)}", found: null, origin);
        // A pyenv shim named by path still stands for whatever version pyenv selects now.
        var target = Follow(exe)
            ?? throw new InterpreterNotFoundException(request,
                $"'{exe}' is a pyenv shim that selects no installed version providing it", found: null, origin);
        return _cache.Get(target);
    }

    private InterpreterInfo FindOnSearchPath(InterpreterRequest request, string? origin)
    {
        string? passedShim = null;
        foreach (var dir in SearchDirectories())
        {
            var candidate = Path.Combine(dir, request.ExecutableName!);
            if (!IsExecutableFile(candidate)) continue;
            if (Follow(candidate) is { } exe) return _cache.Get(exe);
            passedShim ??= candidate;
        }
        var problem = passedShim is null
            ? $"there is no '{request.ExecutableName}' on PATH"
            : $"the only '{request.ExecutableName}' on PATH is the pyenv shim '{passedShim}', and the selected pyenv version does not provide it";
        throw new InterpreterNotFoundException(request, problem, FindAll().Found.Select(f => f.Info).ToList(), origin);
    }

    private InterpreterInfo Best(InterpreterRequest request, string? origin)
    {
        var found = FindAll().Found;
        var best = found
            .Select((candidate, order) => (candidate.Info, order))
            .Where(c => request.Matches(c.Info))
            .OrderBy(c => IsPreRelease(c.Info) ? 1 : 0)
            .ThenByDescending(c => c.Info.Major).ThenByDescending(c => c.Info.Minor).ThenByDescending(c => c.Info.Micro)
            .ThenBy(c => request.Implementation is null && c.Info.Implementation != "cpython" ? 1 : 0)
            .ThenBy(c => c.order)
            .Select(c => c.Info)
            .FirstOrDefault();
        return best ?? throw new InterpreterNotFoundException(request, "none of the interpreters found matches",
            found.Select(f => f.Info).ToList(), origin);
    }

    /// <summary>"3.13.0rc1" or a "3.14.0a1+" development build; Python's own version string has only digits and dots when final.</summary>
    private static bool IsPreRelease(InterpreterInfo info) => info.FullVersion.Any(c => !(char.IsAsciiDigit(c) || c == '.'));

    private DiscoveryResult Discover()
    {
        // Same real path means same binary: keep the first place it was seen.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<(string Path, InterpreterSource Source)>();
        foreach (var (path, source) in Candidates())
            if (RealPath.Resolve(path) is { } real && seen.Add(real))
                candidates.Add((path, source));

        // Cached answers in order (a file read each), then the rest probed in parallel (a Python
        // start each): starting the thread pool for cache hits alone cost more than the reads.
        var results = new (InterpreterInfo? Info, string? Error)[candidates.Count];
        var unknown = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (_cache.TryGetCached(candidates[i].Path) is { } known) results[i] = (known, null);
            else unknown.Add(i);
        }
        Parallel.ForEach(unknown, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { results[i] = (_cache.Get(candidates[i].Path), null); }
            catch (InterpreterProbeException e) { results[i] = (null, e.Problem); }
        });

        var found = new List<DiscoveredInterpreter>();
        var skipped = new List<SkippedInterpreter>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (results[i].Info is { } info) found.Add(new DiscoveredInterpreter(info, candidates[i].Source));
            else skipped.Add(new SkippedInterpreter(candidates[i].Path, candidates[i].Source, results[i].Error!));
        }
        return new DiscoveryResult(found, skipped);
    }

    private IEnumerable<(string Path, InterpreterSource Source)> Candidates()
    {
        if (VirtualEnvBase() is { } venvBase)
            yield return (venvBase, InterpreterSource.VirtualEnvBase);

        foreach (var dir in SearchDirectories())
            foreach (var exe in PythonsIn(dir, includeUnversioned: true))
                if (Follow(exe) is { } target)
                    yield return (target, InterpreterSource.SearchPath);

        var versions = Path.Combine(_environment.PyenvRoot, "versions");
        if (Directory.Exists(versions))
            foreach (var dir in Directory.GetDirectories(versions)
                         .OrderByDescending(d => PyenvVersionOrder.Key(Path.GetFileName(d)), PyenvVersionOrder.Comparer)
                         .ThenBy(d => d, StringComparer.Ordinal))
            {
                var exe = Path.Combine(dir, "bin", "python3");
                if (IsExecutableFile(exe)) yield return (exe, InterpreterSource.Pyenv);
            }

        foreach (var dir in _environment.SystemDirectories)
            foreach (var exe in PythonsIn(dir, includeUnversioned: false))
                yield return (exe, InterpreterSource.System);
    }

    /// <summary>
    /// The activated venv's base interpreter: pyvenv.cfg's <c>executable</c> (written since 3.11), else
    /// <c>python3</c> or <c>python</c> in its <c>home</c>.
    /// </summary>
    private string? VirtualEnvBase()
    {
        if (_environment.VirtualEnv is not { } venv) return null;
        var cfg = Path.Combine(venv, "pyvenv.cfg");
        if (!File.Exists(cfg)) return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(cfg))
        {
            var eq = line.IndexOf('=');
            if (eq > 0) values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        if (values.TryGetValue("executable", out var exe) && IsExecutableFile(exe)) return exe;
        if (!values.TryGetValue("home", out var home)) return null;
        return new[] { "python3", "python" }.Select(n => Path.Combine(home, n)).FirstOrDefault(IsExecutableFile);
    }

    private IEnumerable<string> SearchDirectories() =>
        _environment.SearchPath.Where(Path.IsPathRooted).Distinct(StringComparer.Ordinal);

    /// <summary><c>python3</c>, <c>python</c> (when asked), then <c>python3.N</c> from the newest N down.</summary>
    private static IEnumerable<string> PythonsIn(string dir, bool includeUnversioned)
    {
        if (!Directory.Exists(dir)) yield break;
        foreach (var name in includeUnversioned ? new[] { "python3", "python" } : ["python3"])
        {
            var path = Path.Combine(dir, name);
            if (IsExecutableFile(path)) yield return path;
        }
        IEnumerable<string> versioned;
        try
        {
            // Names first, from readdir alone: .NET's enumerators stat every symlink they meet, and
            // /usr/bin holds hundreds (2,000 stat calls per discovery here, measured with strace).
            versioned = DirectoryNames.StartingWith(dir, "python3.")
                .Select(name => (Path: Path.Combine(dir, name), Match: VersionedName().Match(name)))
                .Where(x => x.Match.Success)
                .OrderByDescending(x => int.Parse(x.Match.Groups[1].Value))
                .Select(x => x.Path)
                .Where(IsExecutableFile)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var path in versioned) yield return path;
    }

    private string? Follow(string exe) => PyenvShim.Follow(exe, _environment);

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    [GeneratedRegex(@"^python3\.(\d{1,4})$")]
    private static partial Regex VersionedName();
}
