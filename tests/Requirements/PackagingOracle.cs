using System.Diagnostics;
using System.Text.Json.Nodes;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Requirements;

/// <summary>
/// Runs one Python process that answers marker and requirement questions with the `packaging`
/// vendored in that interpreter's pip (or, with <c>packagingPath</c>, a `packaging` source tree),
/// batched as JSON lines: the first reply is the packaging version and default environment, then
/// one reply per "m" (marker) or "r" (requirement) request, in order.
/// </summary>
internal static class PackagingOracle
{
    private const string Script = """
import json, sys
try:
    if len(sys.argv) > 1:
        sys.path.insert(0, sys.argv[1])
        import packaging as P
        from packaging import markers as M, requirements as R
        from packaging.utils import canonicalize_name
    else:
        import pip._vendor.packaging as P
        from pip._vendor.packaging import markers as M, requirements as R
        from pip._vendor.packaging.utils import canonicalize_name
except Exception as e:
    sys.stdout.write(json.dumps({"error": "%s: %s" % (type(e).__name__, e)}) + "\n")
    sys.exit(0)
ver = getattr(P, "__version__", None)
if ver is None:
    from pip._vendor.packaging import __about__
    ver = __about__.__version__
out = sys.stdout
out.write(json.dumps({"packaging": ver, "env": dict(M.default_environment())}) + "\n")
out.flush()

def failure(e):
    text = str(e).splitlines()
    return {"ok": False, "err": type(e).__name__ + ": " + (text[0] if text else "")}

envs = []
for line in sys.stdin:
    q = json.loads(line)
    t = q["t"]
    if t == "envs":
        envs = [e if e is not None else dict(M.default_environment()) for e in q["envs"]]
        continue
    if t == "m":
        try:
            m = M.Marker(q["s"])
        except Exception as e:
            out.write(json.dumps(failure(e)) + "\n")
            continue
        res = []
        for env in envs:
            for x in q["x"]:
                full = dict(env)
                full["extra"] = x
                try:
                    res.append("T" if m.evaluate(full) else "F")
                except Exception as e:
                    res.append("E")
        out.write(json.dumps({"ok": True, "str": str(m), "r": res}) + "\n")
    elif t == "r":
        try:
            r = R.Requirement(q["s"])
        except Exception as e:
            out.write(json.dumps(failure(e)) + "\n")
            continue
        extras = sorted(set(canonicalize_name(x) for x in r.extras))
        r.extras = set(extras)
        out.write(json.dumps({"ok": True, "name": r.name, "extras": extras, "spec": str(r.specifier),
                              "url": r.url, "marker": None if r.marker is None else str(r.marker), "str": str(r)}) + "\n")
""";

    /// <summary>Where the answers come from: an interpreter's pip, or a packaging source tree.</summary>
    internal sealed record Source(string Label, string Python, string? PackagingPath);

    /// <summary>
    /// Every real interpreter (its pip's packaging), plus, when $ENVTOOL_TEST_PACKAGING_SRC names a
    /// directory holding a current `packaging` package, that source run by the default interpreter.
    /// </summary>
    public static IReadOnlyList<Source> Sources()
    {
        var sources = TestPythons.All.Select(p => new Source(p, p, null)).ToList();
        if (Environment.GetEnvironmentVariable("ENVTOOL_TEST_PACKAGING_SRC") is { Length: > 0 } path && TestPythons.Default is { } python)
            sources.Add(new Source($"{python} with {path}", python, path));
        return sources;
    }

    /// <summary>Runs every source, two at a time (each is one process), keeping their order.</summary>
    public static IReadOnlyList<(Source Source, Session? Session, string WhyNot)> RunAll(IReadOnlyList<JsonObject> requests) =>
        Sources().AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(source =>
            {
                var session = Run(source.Python, requests, out var whyNot, source.PackagingPath);
                return (source, session, whyNot);
            })
            .ToList();

    internal sealed record Session(string PackagingVersion, Version Version, JsonObject DefaultEnvironment, List<JsonObject> Replies);

    /// <summary>Null (with the reason) when the interpreter has no usable packaging.</summary>
    public static Session? Run(string python, IReadOnlyList<JsonObject> requests, out string whyNot, string? packagingPath = null)
    {
        var reply = JsonLinesPython.Run(python, Script, requests.Select(r => r.ToJsonString()).ToList(),
            packagingPath is null ? null : [packagingPath], readsHeader: true, isolated: false);
        var first = reply.Header;
        var replies = reply.Lines.Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var header = first is null ? null : JsonNode.Parse(first)!.AsObject();
        if (header is null || header.ContainsKey("error"))
        {
            whyNot = header?["error"]?.GetValue<string>() ?? $"helper failed: {reply.Stderr}";
            return null;
        }
        if (reply.ExitCode != 0)
            throw new InvalidOperationException($"{python} helper exited {reply.ExitCode}: {reply.Stderr}");
        var version = header["packaging"]!.GetValue<string>();
        whyNot = "";
        return new Session(version, ParseRelease(version), header["env"]!.AsObject(), replies);
    }

    private static Version ParseRelease(string version)
    {
        var parts = version.Split('.');
        return new Version(int.Parse(parts[0]), parts.Length > 1 ? int.Parse(new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray())) : 0);
    }
}
