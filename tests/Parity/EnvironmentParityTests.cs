using System.Text;
using System.Text.Json;
using EnvTool.Tests.Corpus;

namespace EnvTool.Tests.Parity;

/// <summary>
/// An envtool environment and a `python -m venv` venv into which pip installed the same wheels
/// (real corpus, real interpreter) are indistinguishable: same files, same answers from pip and
/// importlib.metadata, same imports, same working console scripts.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class EnvironmentParityTests(ParityFixture fixture)
{
    public static TheoryData<string> Sets()
    {
        var sets = new TheoryData<string>();
        foreach (var set in ParityFixture.NamedSets) sets.Add(set);
        sets.Add(ParityFixture.Largest);
        return sets;
    }

    private EnvironmentPair Pair(string set)
    {
        fixture.SkipIfUnavailable();
        return fixture.Pair(set);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void SitePackagesAndBinHoldTheSameFilesWithTheSameContents(string set)
    {
        var pair = Pair(set);
        var venvFiles = EnvironmentFiles.List(pair.Venv);
        var envFiles = EnvironmentFiles.List(pair.EnvTool);
        Assert.True(venvFiles.SetEquals(envFiles),
            $"only in pip's venv: {string.Join(", ", venvFiles.Except(envFiles).Take(20))}\nonly in envtool's: {string.Join(", ", envFiles.Except(venvFiles).Take(20))}");
        Assert.Contains(venvFiles, f => f.Contains(".dist-info/METADATA", StringComparison.Ordinal));

        var consoleScripts = pair.VenvProbe.ScriptNames;
        var pipShebang = Encoding.UTF8.GetBytes($"#!{pair.Venv}/bin/python");
        var problems = new List<string>();
        foreach (var rel in venvFiles)
        {
            var inVenv = Path.Combine(pair.Venv, rel);
            var inEnv = Path.Combine(pair.EnvTool, rel);
            var venvLink = new FileInfo(inVenv).LinkTarget is not null;
            var envLink = new FileInfo(inEnv).LinkTarget is not null;
            if (venvLink || envLink)
            {
                // The interpreter links may take different hops (python3 -> python3.11) but must end at the same file.
                if (venvLink != envLink) { problems.Add($"{rel}: a symlink in only one of them"); continue; }
                var a = File.ResolveLinkTarget(inVenv, returnFinalTarget: true)!.FullName;
                var b = File.ResolveLinkTarget(inEnv, returnFinalTarget: true)!.FullName;
                if (a != b) problems.Add($"{rel}: links to {a} in pip's venv, {b} in envtool's");
                continue;
            }
            if (EnvironmentFiles.IsExecutable(inVenv) != EnvironmentFiles.IsExecutable(inEnv))
                problems.Add($"{rel}: executable in only one of them");
            var isBin = rel.StartsWith("bin/", StringComparison.Ordinal);
            // Console-script wrappers differ by design: envtool's are relocatable launchers.
            if (isBin && consoleScripts.Contains(rel[4..])) continue;
            var venvBytes = File.ReadAllBytes(inVenv);
            var envBytes = File.ReadAllBytes(inEnv);
            if (isBin && venvBytes.AsSpan().StartsWith(pipShebang))
            {
                // A wheel's own script (#!python): pip points the shebang at this venv; envtool puts its
                // relocatable launcher there instead. What follows the shebang must be the same bytes.
                var body = venvBytes.AsSpan(venvBytes.AsSpan().IndexOf((byte)'\n') + 1);
                if (!envBytes.AsSpan().StartsWith("#!"u8) || !envBytes.AsSpan().EndsWith(body))
                    problems.Add($"{rel}: the script's body differs after its first line");
                continue;
            }
            if (!venvBytes.AsSpan().SequenceEqual(envBytes)) problems.Add($"{rel}: contents differ");
        }
        Assert.True(problems.Count == 0, $"{problems.Count} of {venvFiles.Count} files differ:\n{string.Join("\n", problems.Take(30))}");
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void PipListAgreesOnNamesAndVersions(string set)
    {
        var pair = Pair(set);
        var venv = PipList(pair.Venv);
        var env = PipList(pair.EnvTool);
        Assert.Equal(venv, env);
        if (set == ParityFixture.Largest) Assert.Equal(fixture.Corpus.Rebuilt.Count, env.Count);
        else Assert.Contains(env, p => p.StartsWith(set + " ", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void PipCheckPassesOnTheEnvtoolEnvironment(string set)
    {
        var pair = Pair(set);
        var check = CorpusFixture.RunOk(fixture.Python, "-m", "pip", "--python", Path.Combine(pair.EnvTool, "bin", "python"), "check");
        Assert.Contains("No broken requirements", check.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void ImportlibMetadataAgreesOnEveryDistribution(string set)
    {
        var pair = Pair(set);
        Assert.Equal(pair.VenvProbe.Distributions, pair.EnvToolProbe.Distributions);
        Assert.Equal(PipList(pair.EnvTool).Count, pair.EnvToolProbe.Distributions.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void EveryTopLevelModuleThatImportsInPipsVenvImportsInEnvtools(string set)
    {
        var pair = Pair(set);
        var venv = pair.VenvProbe.Imports;
        var env = pair.EnvToolProbe.Imports;
        Assert.Equal(venv.Keys.Order(StringComparer.Ordinal), env.Keys.Order(StringComparer.Ordinal));
        var importable = venv.Where(m => m.Value == "ok").Select(m => m.Key).ToList();
        Assert.True(importable.Count >= venv.Count / 2, $"most modules fail even in pip's venv: {string.Join("; ", venv.Where(m => m.Value != "ok"))}");
        var broken = importable.Where(m => env[m] != "ok").Select(m => $"{m}: {env[m]}").ToList();
        Assert.True(broken.Count == 0, $"import in pip's venv but not in envtool's:\n{string.Join("\n", broken)}");
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void EveryConsoleScriptThatAnswersHelpInPipsVenvAnswersInEnvtools(string set)
    {
        var pair = Pair(set);
        var venv = pair.VenvProbe.ScriptHelp;
        var env = pair.EnvToolProbe.ScriptHelp;
        Assert.Equal(venv.Keys.Order(StringComparer.Ordinal), env.Keys.Order(StringComparer.Ordinal));
        var working = venv.Where(s => s.Value == "0").Select(s => s.Key).ToList();
        if (set is "flask" or ParityFixture.Largest) Assert.Contains("flask", working);
        var broken = working.Where(s => env[s] != "0").Select(s => $"{s} --help: {env[s]}").ToList();
        Assert.True(broken.Count == 0, $"answer --help in pip's venv but not in envtool's:\n{string.Join("\n", broken)}");
    }

    private List<string> PipList(string environment)
    {
        var listed = CorpusFixture.RunOk(fixture.Python, "-m", "pip", "--python", Path.Combine(environment, "bin", "python"), "list", "--format", "json");
        using var doc = JsonDocument.Parse(listed.Stdout);
        return doc.RootElement.EnumerateArray()
            .Select(p => $"{p.GetProperty("name").GetString()} {p.GetProperty("version").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
    }
}
