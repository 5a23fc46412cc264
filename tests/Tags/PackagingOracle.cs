using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using EnvTool.Tests.Support;

namespace EnvTool.Tests.Tags;

/// <summary>
/// One long-lived Python process per interpreter answering questions with that interpreter's pip-vendored
/// packaging, batched as JSON lines (all requests written, then all answers read, in order).
/// </summary>
internal sealed class PackagingOracle
{
    private const string Script = """
import sys, json, sysconfig
try:
    from pip._vendor import packaging
    from pip._vendor.packaging import tags, utils
    VERSION = packaging.__version__
except Exception as e:  # pip missing, or a packaging without the tags module
    tags = None
    VERSION = None
    MISSING = "{}: {}".format(type(e).__name__, e)

def sorted_tags(found):
    return sorted(str(t) for t in found)

RANKS = None
def ranks():
    global RANKS
    if RANKS is None:
        RANKS = {}
        for i, t in enumerate(tags.sys_tags()):
            RANKS.setdefault(t, i)
    return RANKS

def linux(req):
    # Drives packaging 24's own Linux generator with chosen facts, by replacing the functions that read them.
    from pip._vendor.packaging import _manylinux, _musllinux
    saved = (_manylinux._get_glibc_version, _musllinux._get_musl_version, sysconfig.get_platform,
             _manylinux._have_compatible_abi)
    glibc, musl = req["glibc"], req["musl"]
    allowed = {"x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64"}
    try:
        _manylinux._get_glibc_version = lambda: tuple(glibc) if glibc else (-1, -1)
        _musllinux._get_musl_version = lambda exe: _musllinux._MuslVersion(*musl) if musl else None
        sysconfig.get_platform = lambda: req["platform"]
        # packaging reads the running executable's ELF header for i686/armv7l; we assume those hold.
        _manylinux._have_compatible_abi = lambda exe, archs: any(a in allowed or a in ("i686", "armv7l") for a in archs)
        return list(tags._linux_platforms(req["is32"]))
    finally:
        (_manylinux._get_glibc_version, _musllinux._get_musl_version, sysconfig.get_platform,
         _manylinux._have_compatible_abi) = saved

def synthetic(req):
    # cpython_tags/generic_tags + compatible_tags of packaging for a made-up interpreter: the config
    # variables and sys.gettotalrefcount are what packaging reads.
    config = req["config"]
    saved = tags._get_config_var
    had_refcount = hasattr(sys, "gettotalrefcount")
    try:
        tags._get_config_var = lambda name, warn=False: config.get(name)
        if req["refcount"] and not had_refcount:
            sys.gettotalrefcount = lambda: 0
        version = tuple(req["version"])
        platforms = req["platforms"]
        if req["name"] == "cp":
            out = list(tags.cpython_tags(version, tags._cpython_abis(version), platforms))
            interp = "cp" + tags.interpreter_version()
        else:
            out = list(tags.generic_tags(req["name"] + tags.interpreter_version(), tags._generic_abi(), platforms))
            interp = "pp3" if req["name"] == "pp" else None
        out += list(tags.compatible_tags(version, interp, platforms))
        return [str(t) for t in out]
    finally:
        tags._get_config_var = saved
        if req["refcount"] and not had_refcount:
            del sys.gettotalrefcount

def answer(req):
    op = req["op"]
    if tags is None:
        return {"missing": MISSING}
    if op == "version":
        return {"packaging": VERSION}
    if op == "sys_tags":
        return {"tags": [str(t) for t in tags.sys_tags()]}
    if op == "parse_tag":
        try:
            return {"ok": True, "tags": sorted_tags(tags.parse_tag(req["s"]))}
        except ValueError as e:
            return {"ok": False, "error": str(e)}
    if op == "parse_wheel":
        try:
            name, version, build, found = utils.parse_wheel_filename(req["s"])
        except Exception as e:  # InvalidWheelFilename, InvalidVersion (21.3 lets it escape)
            return {"ok": False, "error": "{}: {}".format(type(e).__name__, e)}
        return {"ok": True, "name": name, "version": str(version), "build": [str(build[0]), build[1]] if build else None,
                "tags": sorted_tags(found), "rank": min((ranks()[t] for t in found if t in ranks()), default=None)}
    if op == "mac":
        return {"platforms": list(tags.mac_platforms(tuple(req["version"]), req["arch"]))}
    if op == "linux":
        return {"platforms": linux(req)}
    if op == "synthetic":
        return {"tags": synthetic(req)}
    raise ValueError("unknown op " + op)

for line in sys.stdin:
    try:
        result = answer(json.loads(line))
    except Exception as e:
        result = {"crash": "{}: {}".format(type(e).__name__, e)}
    sys.stdout.write(json.dumps(result) + "\n")
sys.stdout.flush()
""";

    private readonly string _python;

    public PackagingOracle(string python) => _python = python;

    /// <summary>Runs every request through one process; answers come back in request order.</summary>
    public IReadOnlyList<JsonElement> Ask(IReadOnlyList<JsonObject> requests)
    {
        var reply = JsonLinesPython.Run(_python, Script, requests.Select(r => r.ToJsonString()).ToList());
        var answers = reply.Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        if (answers.Count != requests.Count)
            throw new InvalidOperationException($"{_python}: {answers.Count} answers to {requests.Count} requests; stderr: {reply.Stderr}");
        foreach (var answer in answers)
            if (answer.TryGetProperty("crash", out var crash))
                throw new InvalidOperationException($"{_python} oracle crashed: {crash.GetString()}");
        return answers;
    }

    public JsonElement AskOne(JsonObject request) => Ask([request])[0];

    /// <summary>The vendored packaging version, or null (with the reason) when it has no tags module.</summary>
    public (string? Version, string? Missing) PackagingVersion()
    {
        var answer = AskOne(new JsonObject { ["op"] = "version" });
        return answer.TryGetProperty("missing", out var missing)
            ? (null, missing.GetString())
            : (answer.GetProperty("packaging").GetString(), null);
    }
}
