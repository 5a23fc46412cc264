using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EnvTool.Standards;
using EnvTool.Standards.RequirementsFiles;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Metadata;

/// <summary>
/// Generated requirements files (with nested -r/-c files, comments, continuations, variables, hashes and
/// option lines), read by RequirementsFile and by pip's own parse_requirements in one Python process:
/// the requirements, their file, line, constraint flag and hashes must agree.
/// </summary>
public class RequirementsFileDifferentialTests(ITestOutputHelper output)
{
    private const string Python = "/root/.pyenv/versions/3.11.7/bin/python3";

    private const string PipSide = """
        import json, os, re, sys
        from pip._internal.network.session import PipSession
        from pip._internal.req.req_file import parse_requirements
        session = PipSession()
        for line in sys.stdin:
            case = json.loads(line)
            saved = dict(os.environ)
            os.environ.update(case["env"])
            try:
                out = []
                for r in parse_requirements(case["top"], session=session):
                    m = re.fullmatch(r"-[rc] (.*) \(line (\d+)\)", r.comes_from)
                    hashes = sorted(f"{a}:{h}" for a, hs in (r.options or {}).get("hashes", {}).items() for h in hs)
                    out.append([r.requirement, os.path.basename(m.group(1)), int(m.group(2)), r.constraint, hashes])
                print(json.dumps({"entries": out}), flush=True)
            except Exception as e:
                print(json.dumps({"error": f"{type(e).__name__}: {e}"}), flush=True)
            finally:
                os.environ.clear()
                os.environ.update(saved)
        """;

    private static readonly string Sha256 = new('a', 64);
    private static readonly string Sha384 = new('b', 96);

    private static readonly string[] Requirements =
    [
        "pkg", "pkg==1.0", "Pkg_Two[extra,more]>=2,<3", "pkg ; python_version >= \"3.8\"", "pkg;os_name=='posix'",
        "name @ https://h.invalid/x-1.0-py3-none-any.whl#egg=frag", "pkg>=1   # trailing comment", "pkg\t# tab comment",
        "pkg==${VER}", "${NAME}>=1", "pkg==1 --hash=sha256:" + Sha256, "pkg==1 --hash sha256:" + Sha256 + " --hash=sha384:" + Sha384,
        "  indented-pkg  ", "demo @ file:///tmp/demo-1.0-py3-none-any.whl#sha256=" + Sha256,
    ];

    private static readonly string[] Other =
    [
        "# a comment", "   # indented comment", "", "#", "--pre", "--no-index", "-i http://127.0.0.1/simple",
        "--extra-index-url=http://127.0.0.1/extra", "--require-hashes", "-f http://127.0.0.1/links", "--index-url http://127.0.0.1/x --pre",
    ];

    private static string GenerateFile(Random random, IReadOnlyList<string> includes)
    {
        var lines = new List<string>();
        for (var n = random.Next(1, 8); n > 0; n--)
            lines.Add(random.Next(3) == 0 ? Other[random.Next(Other.Length)] : Requirements[random.Next(Requirements.Length)]);
        foreach (var include in includes) lines.Insert(random.Next(lines.Count + 1), include);

        // Split some lines with '\' continuations; end some with a '\' that a comment line cancels.
        var physical = new List<string>();
        foreach (var line in lines)
        {
            var space = line.Length > 1 ? line.IndexOf(' ', 1) : -1;
            var isRequirement = line.Length > 0 && !line.StartsWith('-') && !line.Contains('#');
            if (isRequirement && space > 0 && random.Next(4) == 0)
            {
                physical.Add(line[..space] + " \\");
                physical.Add(line[(space + 1)..]);
            }
            else if (isRequirement && random.Next(8) == 0)
            {
                physical.Add(line + " \\");
                physical.Add("# a comment line ends the continuation");
            }
            else physical.Add(line);
        }
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        return string.Join(newline, physical) + (random.Next(4) == 0 ? " \\" : "") + (random.Next(3) == 0 ? "" : newline);
    }

    [SkippableFact]
    public void GeneratedFilesAgreeWithPip()
    {
        Skip.If(!File.Exists(Python), $"{Python} is not on this machine");
        using var root = new TempDir();
        var random = new Random(508);
        var env = new Dictionary<string, string> { ["VER"] = "2.0", ["NAME"] = "from-env" };
        var cases = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var dir = Path.Combine(root.Path, $"case{i}");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "cons.txt"), GenerateFile(random, random.Next(2) == 0 ? ["-r more.txt"] : []));
            File.WriteAllText(Path.Combine(dir, "sub", "more.txt"), GenerateFile(random, []));
            File.WriteAllText(Path.Combine(dir, "sub", "base.txt"), GenerateFile(random, random.Next(2) == 0 ? ["-c cons.txt"] : []));
            var includes = new List<string>();
            if (random.Next(2) == 0) includes.Add("-r sub/base.txt");
            if (random.Next(3) == 0) includes.Add("--constraint=sub/cons.txt");
            File.WriteAllText(Path.Combine(dir, "top.txt"), GenerateFile(random, includes));
            cases.Add(Path.Combine(dir, "top.txt"));
        }

        var results = RunPip(cases, env);
        var problems = new List<string>();
        var entries = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var expected = results[i];
            Assert.True(expected["error"] is null, $"{cases[i]}: pip failed: {expected["error"]}");
            var want = expected["entries"]!.AsArray()
                .Select(e => $"{(string)e![0]!}|{(string)e[1]!}|{(int)e[2]!}|{(bool)e[3]!}|{string.Join(",", e[4]!.AsArray().Select(h => (string)h!))}")
                .ToList();
            try
            {
                var ours = RequirementsFile.Read(cases[i], name => env.GetValueOrDefault(name));
                entries += ours.Entries.Count;
                var got = ours.Entries
                    .Select(e => $"{e.Text}|{Path.GetFileName(e.File)}|{e.Line}|{e.IsConstraint}|{string.Join(",", e.Hashes.Select(h => $"{h.Algorithm}:{h.DigestHex}").Order(StringComparer.Ordinal))}")
                    .ToList();
                if (!got.SequenceEqual(want))
                    problems.Add($"{cases[i]}:\n  ours: {string.Join(" / ", got)}\n  pip:  {string.Join(" / ", want)}");
            }
            catch (FileParseException e)
            {
                problems.Add($"{cases[i]}: we refused it ({e.Message}), pip read {want.Count} entries");
            }
        }

        output.WriteLine($"{cases.Count} generated files, {entries} requirements compared; {problems.Count} disagreements");
        Assert.True(entries > 1500, "the generator should produce many requirements");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    private static List<JsonNode> RunPip(List<string> tops, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(PipSide);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var envJson = new JsonObject(env.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        foreach (var top in tops)
            p.StandardInput.WriteLine(new JsonObject { ["top"] = top, ["env"] = envJson.DeepClone() }.ToJsonString());
        p.StandardInput.Close();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr.Result);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }
}
