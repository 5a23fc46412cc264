using System.Text;
using System.Text.Json;
using EnvTool.Standards.Versions;
using EnvTool.Tests.Support;

namespace EnvTool.Tests.Versions;

/// <summary>
/// One real Python process running packaging (pip's vendored copy, or a packaging source tree)
/// over a whole batch of cases: one JSON request per stdin line, one JSON answer per stdout line.
/// Versions are always built with <c>Version(...)</c> and specifiers with <c>Specifier</c> /
/// <c>SpecifierSet</c>, never <c>parse()</c>, so old releases cannot fall back to Legacy* objects;
/// a set that did fall back to a LegacySpecifier counts as invalid.
/// </summary>
internal static class PackagingOracle
{
    // Runs on every CPython from 3.6 on: no walrus, no newer syntax.
    private const string Script = """
import importlib, json, sys
base = "pip._vendor.packaging"
if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])
    base = "packaging"
try:
    P = importlib.import_module(base)
    V = importlib.import_module(base + ".version")
    S = importlib.import_module(base + ".specifiers")
except ImportError as e:
    print(json.dumps({"missing": str(e)}))
    sys.exit(0)
Version, InvalidVersion = V.Version, V.InvalidVersion
Specifier, SpecifierSet, InvalidSpecifier = S.Specifier, S.SpecifierSet, S.InvalidSpecifier
LegacySpecifier = getattr(S, "LegacySpecifier", None)

def call(f):
    try:
        return f()
    except Exception as e:
        return "error: " + type(e).__name__

def handle(q):
    k = q["k"]
    if k == "v":
        try:
            v = Version(q["s"])
        except InvalidVersion:
            return {"ok": False}
        return {"ok": True, "n": str(v)}
    if k == "c":
        a, b = Version(q["a"]), Version(q["b"])
        return {"r": (a > b) - (a < b), "eq": a == b, "h": hash(a) == hash(b)}
    if k == "s":
        try:
            s = Specifier(q["spec"])
        except InvalidSpecifier:
            return {"ok": False}
        v = Version(q["v"])
        return {"ok": True, "str": str(s), "r": [call(lambda: s.contains(v)),
                call(lambda: s.contains(v, prereleases=True)), call(lambda: s.contains(v, prereleases=False))]}
    if k == "f":
        try:
            ss = SpecifierSet(q["set"])
        except InvalidSpecifier:
            return {"ok": False}
        if LegacySpecifier is not None and any(isinstance(x, LegacySpecifier) for x in ss):
            return {"ok": False}
        vs = [Version(x) for x in q["vs"]]
        def f(p):
            return [str(x) for x in ss.filter(vs, prereleases=p)]
        return {"ok": True, "str": str(ss), "r": [call(lambda: f(None)), call(lambda: f(True)), call(lambda: f(False))]}
    raise ValueError(k)

print(json.dumps({"packaging": P.__version__}))
sys.stdout.flush()
for line in sys.stdin:
    sys.stdout.write(json.dumps(handle(json.loads(line))) + "\n")
""";

    /// <summary>The answers of one packaging installation, or why there is none.</summary>
    internal sealed record Answers(string Label, Pep440Version? PackagingVersion, IReadOnlyList<JsonElement> Results, string? Missing);

    /// <summary>
    /// Runs every request through packaging in <paramref name="python"/>; with
    /// <paramref name="sourceTree"/>, imports packaging from that directory instead of pip's copy.
    /// </summary>
    public static Answers Ask(string python, string? sourceTree, IReadOnlyList<string> requests)
    {
        string label = sourceTree is null ? python : $"{python} with packaging from {sourceTree}";
        var reply = JsonLinesPython.Run(python, Script, requests, sourceTree is null ? null : [sourceTree], readsHeader: true);
        using var header = JsonDocument.Parse(reply.Header ?? throw new InvalidOperationException($"{label}: no output; stderr: {reply.Stderr}"));
        if (header.RootElement.TryGetProperty("missing", out var missing))
            return new Answers(label, null, [], missing.GetString());
        var packagingVersion = Pep440Version.Parse(header.RootElement.GetProperty("packaging").GetString()!);
        var results = reply.Lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        if (results.Count != requests.Count)
            throw new InvalidOperationException($"{label}: {results.Count} answers for {requests.Count} requests; stderr: {reply.Stderr}");
        return new Answers($"{label} (packaging {packagingVersion})", packagingVersion, results, null);
    }

    /// <summary>A JSON object as one line, with every non-ASCII character escaped (any stdin encoding reads it).</summary>
    public static string Request(params (string Name, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case string s: w.WriteString(name, s); break;
                    case IEnumerable<string> list:
                        w.WriteStartArray(name);
                        foreach (var s in list) w.WriteStringValue(s);
                        w.WriteEndArray();
                        break;
                    default: throw new ArgumentException($"unsupported JSON value for {name}");
                }
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
