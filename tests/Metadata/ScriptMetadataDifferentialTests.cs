using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnvTool.Standards;
using EnvTool.Standards.Scripts;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Metadata;

/// <summary>
/// Generated scripts, read by ScriptMetadata and by the PEP 723 reference implementation (its regular
/// expression and tomllib) in one Python process. Where we refuse a '# /// script' header that nothing
/// closes, the reference must have found no block there (it skips such headers silently).
/// </summary>
public class ScriptMetadataDifferentialTests(ITestOutputHelper output)
{
    private const string Reference = """
        import json, re, sys, tomllib
        REGEX = r'(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$'
        for line in sys.stdin:
            script = json.loads(line)
            script = script.replace("\r\n", "\n").replace("\r", "\n")  # as text-mode open() reads it
            blocks = []
            for m in re.finditer(REGEX, script):
                content = ''.join(l[2:] if l.startswith('# ') else l[1:] for l in m.group('content').splitlines(keepends=True))
                blocks.append({"type": m.group("type"), "start": script.count("\n", 0, m.start()) + 1, "content": content})
            result = {"blocks": blocks}
            scripts = [b for b in blocks if b["type"] == "script"]
            if len(scripts) == 1:
                try:
                    t = tomllib.loads(scripts[0]["content"])
                    result["dependencies"] = t.get("dependencies")
                    result["requires_python"] = t.get("requires-python")
                except tomllib.TOMLDecodeError as e:
                    result["toml_error"] = str(e)
            print(json.dumps(result), flush=True)
        """;

    private static readonly string[] Headers = ["# /// script", "# /// script", "# /// script", "# /// script ", "# /// other", "#/// script", "  # /// script"];
    private static readonly string[] Closers = ["# ///", "# ///", "# ///", "#///", "# /// "];
    private static readonly string[] Content =
    [
        "#", "# ", "# dependencies = [\"a\", \"b>=1\"]", "# requires-python = \">=3.8\"", "# x = 1", "# y = 'two'",
        "#  indented = 2", "# [tool.envtool]", "# pre = true", "# dependencies = [", "#   \"c\",", "# ]", "#comment-no-space", "# ///",
    ];
    private static readonly string[] Code = ["import os", "", "print('# /// script')", "x = 1  # ///", "#!/usr/bin/env python3"];

    /// <summary>A script of code lines and blocks, most of them well formed, some with a bad header, closer or content line.</summary>
    private static string GenerateScript(Random random)
    {
        var lines = new List<string>();
        for (var segments = random.Next(1, 5); segments > 0; segments--)
        {
            if (random.Next(3) == 0) { lines.Add(Code[random.Next(Code.Length)]); continue; }
            lines.Add(Headers[random.Next(Headers.Length)]);
            for (var n = random.Next(0, 5); n > 0; n--) lines.Add(Content[random.Next(Content.Length)]);
            if (random.Next(8) != 0) lines.Add(Closers[random.Next(Closers.Length)]);
        }
        var newline = random.Next(4) == 0 ? "\r\n" : "\n";
        return string.Join(newline, lines) + (random.Next(3) == 0 ? "" : newline);
    }

    [SkippableFact]
    public void GeneratedScriptsAgreeWithTheReferenceImplementation()
    {
        var python = TestPythons.All.FirstOrDefault(p => p.Contains("/3.11") || p.Contains("/3.12") || p.Contains("/3.13"));
        Skip.If(python is null, "no Python 3.11+ (with tomllib) on this machine");

        var random = new Random(723);
        var scripts = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            scripts.Add(GenerateScript(random));
        }

        var results = RunReference(python!, scripts);
        var problems = new List<string>();
        int found = 0, refusedUnclosed = 0, refusedDuplicate = 0, badToml = 0;
        for (var i = 0; i < scripts.Count; i++)
        {
            var expected = results[i];
            var blocks = expected["blocks"]!.AsArray().Where(b => (string)b!["type"]! == "script").ToList();
            string Describe() => $"script {JsonSerializerEscape(scripts[i])}";
            try
            {
                var ours = ScriptMetadata.Parse(scripts[i], "s.py");
                if (blocks.Count != (ours is null ? 0 : 1))
                    problems.Add($"{Describe()}: we found {(ours is null ? 0 : 1)} block(s), the reference {blocks.Count}");
                else if (ours is not null)
                {
                    found++;
                    var block = blocks[0]!;
                    if (ours.StartLine != (int)block["start"]! || ours.Toml != (string)block["content"]!)
                        problems.Add($"{Describe()}: block at {ours.StartLine} '{ours.Toml}', reference at {block["start"]} '{block["content"]}'");
                    if (expected["toml_error"] is not null)
                        problems.Add($"{Describe()}: tomllib refused the TOML ({expected["toml_error"]}), we accepted it");
                    else
                    {
                        var deps = expected["dependencies"]?.AsArray().Select(d => (string)d!).ToList() ?? [];
                        if (!deps.SequenceEqual(ours.Dependencies) || (string?)expected["requires_python"] != ours.RequiresPython)
                            problems.Add($"{Describe()}: dependencies/requires-python differ");
                    }
                }
            }
            catch (FileParseException e) when (e.Problem.Contains("never closed") || e.Problem.Contains("is empty"))
            {
                refusedUnclosed++;
                if (blocks.Any(b => (int)b!["start"]! == e.Line))
                    problems.Add($"{Describe()}: we call the block at line {e.Line} unclosed, the reference read it");
            }
            catch (FileParseException e) when (e.Problem.Contains("a second"))
            {
                refusedDuplicate++;
                if (blocks.Count < 2 || (int)blocks[1]!["start"]! != e.Line)
                    problems.Add($"{Describe()}: {e.Message}, but the reference found {blocks.Count} block(s)");
            }
            catch (FileParseException e) when (e.Problem.StartsWith("invalid TOML", StringComparison.Ordinal))
            {
                badToml++;
                if (blocks.Count != 1 || expected["toml_error"] is null)
                    problems.Add($"{Describe()}: {e.Message}, but tomllib read it");
            }
        }

        output.WriteLine($"{scripts.Count} scripts: {found} read, {refusedUnclosed} unclosed, {refusedDuplicate} duplicate, {badToml} bad TOML; {problems.Count} disagreements");
        Assert.True(found > 100 && refusedDuplicate > 10 && badToml > 10, "the generator should cover every outcome");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    private static string JsonSerializerEscape(string s) => "'" + s.Replace("\r", "\\r").Replace("\n", "\\n") + "'";

    private static List<JsonNode> RunReference(string python, List<string> scripts)
    {
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Reference);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        foreach (var s in scripts) p.StandardInput.WriteLine(JsonValue.Create(s).ToJsonString());
        p.StandardInput.Close();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr.Result);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }
}
