using System.Text.Json;
using EnvTool.Tests.Corpus;

namespace EnvTool.Tests.Parity;

/// <summary>
/// What one environment's own interpreter reports about itself, gathered in ONE Python process:
/// every distribution as importlib.metadata sees it, the import of every top-level module, and the
/// exit code of every console script run with --help.
/// </summary>
public sealed record EnvironmentProbe(
    string Prefix,
    IReadOnlyList<string> Distributions,
    IReadOnlyDictionary<string, string> Imports,
    IReadOnlyDictionary<string, string> ScriptHelp)
{
    /// <summary>Console-script and GUI-script names declared by the environment's distributions.</summary>
    public IReadOnlySet<string> ScriptNames => ScriptHelp.Keys.ToHashSet(StringComparer.Ordinal);

    public static EnvironmentProbe Run(string environment, string workDir)
    {
        Directory.CreateDirectory(workDir);
        var script = Path.Combine(workDir, "parity_probe.py");
        if (!File.Exists(script)) File.WriteAllText(script, Source);
        var output = Path.Combine(workDir, $"probe-{Guid.NewGuid():N}.json");
        // -I: no user site, no PYTHONPATH, no script directory on sys.path, so only the environment answers.
        var r = CorpusFixture.Run(Path.Combine(environment, "bin", "python"), ["-I", script, output, workDir]);
        if (r.ExitCode != 0) throw new Xunit.Sdk.XunitException($"probe of {environment} failed:\n{r.Stderr}");
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var root = doc.RootElement;
        return new EnvironmentProbe(
            root.GetProperty("prefix").GetString()!,
            root.GetProperty("dists").EnumerateArray().Select(d => d.GetString()!).ToList(),
            root.GetProperty("imports").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            root.GetProperty("scripts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));
    }

    // Files an installer writes about itself (or bytecode it may or may not compile) are not part of
    // what a distribution is; they are left out of the file count so the two installers compare.
    private const string Source = """
        import concurrent.futures, importlib, importlib.metadata as md, io, json, os, re, subprocess, sys, traceback

        out_path, work = sys.argv[1], sys.argv[2]
        INSTALLER_FILES = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}

        def counted(f):
            s = str(f)
            if "__pycache__" in s or s.endswith(".pyc"):
                return False
            return not (".dist-info/" in s and s.rsplit("/", 1)[-1] in INSTALLER_FILES)

        def modules_of(dist):
            top = dist.read_text("top_level.txt")
            if top:
                names = {line.strip().split("/")[0] for line in top.splitlines() if line.strip()}
            else:
                names = set()
                for f in dist.files or []:
                    parts = str(f).split("/")
                    if parts[0] in ("..", "") or parts[0].endswith((".dist-info", ".data")) or parts[0] == "__pycache__":
                        continue
                    if len(parts) > 1:
                        if parts[-1].endswith((".py", ".so")):
                            names.add(parts[0])
                    elif parts[0].endswith(".py"):
                        names.add(parts[0][:-3])
                    elif parts[0].endswith(".so"):
                        names.add(parts[0].split(".")[0])
            return sorted(n for n in names if n.isidentifier())

        dists, modules, scripts = [], set(), set()
        for d in md.distributions():
            name = re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower()
            eps = sorted(f"{e.group}|{e.name}|{e.value}" for e in d.entry_points)
            files = sum(1 for f in (d.files or []) if counted(f))
            dists.append(f"{name} {d.version} files={files} entry_points={eps}")
            modules.update(modules_of(d))
            scripts.update(e.name for e in d.entry_points if e.group in ("console_scripts", "gui_scripts"))

        imports = {}
        real_stdout = sys.stdout
        for m in sorted(modules):
            sys.stdout = io.StringIO()
            try:
                importlib.import_module(m)
                imports[m] = "ok"
            except BaseException as e:
                imports[m] = f"{type(e).__name__}: {e}"[:300]
            finally:
                sys.stdout = real_stdout

        home = os.path.join(work, "home")
        os.makedirs(home, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(HOME=home, PAGER="cat", MANPAGER="cat", IPYTHONDIR=os.path.join(home, "ipython"), TERM="dumb")
        bindir = os.path.join(sys.prefix, "bin")

        def help_of(name):
            exe = os.path.join(bindir, name)
            if not os.path.exists(exe):
                return "missing"
            try:
                r = subprocess.run([exe, "--help"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=env, cwd=home, timeout=30)
                return "0" if r.returncode == 0 else f"{r.returncode}: {r.stderr.decode(errors='replace')[-300:]}"
            except subprocess.TimeoutExpired:
                return "timeout"

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            help = dict(zip(sorted(scripts), pool.map(help_of, sorted(scripts))))

        with open(out_path, "w") as f:
            json.dump({"prefix": sys.prefix, "dists": sorted(dists), "imports": imports, "scripts": help}, f)
        """;
}
