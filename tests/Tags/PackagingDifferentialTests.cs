using System.Text.Json;
using System.Text.Json.Nodes;
using EnvTool.Python;
using EnvTool.Standards;
using EnvTool.Standards.Tags;
using EnvTool.Standards.Wheels;
using EnvTool.Tests.Support;
using Xunit.Abstractions;

namespace EnvTool.Tests.Tags;

/// <summary>
/// Our tags and wheel names against the packaging vendored in each real interpreter's pip.
/// </summary>
/// <remarks>
/// Documented exclusions (counted and printed, never silently dropped):
/// <list type="bullet">
/// <item>packaging older than 22.0 (pip ≤ 23 vendors 21.3) has no <c>cpXY-none-any</c> in sys_tags; pip
/// itself adds it, and newer packaging lists it right before <c>pyXY-none-any</c>, which we follow. We
/// remove that one tag from our list before comparing with such a packaging.</item>
/// <item>We reject tags and wheel names that packaging 21.3/24.1 accept but the newest packaging or our
/// stricter alphabet rejects: empty tag members or names, interpreters starting with a digit, characters
/// outside ASCII letters, digits, '_', '.', and sets expanding beyond <see cref="MaxTags"/> tags.</item>
/// </list>
/// </remarks>
public sealed class PackagingDifferentialTests(ITestOutputHelper output)
{
    private const int MaxTags = 1024;

    private static readonly string[] Versions = ["1.0", "2.0.0rc1", "1.0.post1", "0!1.0", "1.0+local.1", "1.0.dev3", "10", "2024.1.15", "1.0a1",
        "1.0.POST1", "1.0_rc_2", "v1.0", "1.0..1", "1.0+", "latest", "1.0a", "1!2!3", "01.00"];

    private sealed record Target(string Python, InterpreterInfo Info, PackagingOracle Oracle, string PackagingVersion);

    /// <summary>Every interpreter whose pip vendors packaging.tags; the others are reported and left out.</summary>
    private List<Target> Targets()
    {
        var targets = new List<Target>();
        foreach (var python in TestPythons.All)
        {
            var oracle = new PackagingOracle(python);
            var (version, missing) = oracle.PackagingVersion();
            if (version is null)
            {
                output.WriteLine($"skip {python}: no pip-vendored packaging.tags ({missing})");
                continue;
            }
            targets.Add(new Target(python, InterpreterFacts.Probe(python), oracle, version));
        }
        Skip.If(targets.Count == 0, "no interpreter with pip-vendored packaging.tags on this machine");
        return targets;
    }

    private static bool OlderThan22(string packagingVersion) => int.Parse(packagingVersion.Split('.')[0]) < 22;

    /// <summary>Our list for the interpreter, minus what the interpreter's packaging cannot know (see remarks).</summary>
    private static SupportedTags Comparable(Target target, out int excluded)
    {
        var ours = SupportedTags.For(target.Info);
        excluded = 0;
        if (!OlderThan22(target.PackagingVersion) || target.Info.Implementation != "cpython") return ours;
        var cpAny = new Tag("cp" + InterpreterTags.InterpreterVersion(target.Info), "none", "any");
        excluded = ours.Supports(cpAny) ? 1 : 0;
        return new SupportedTags(ours.Tags.Where(t => t != cpAny));
    }

    [SkippableFact]
    public void SysTagsMatchEveryInterpreterElementByElement()
    {
        var failures = new List<string>();
        foreach (var target in Targets())
        {
            var theirs = target.Oracle.AskOne(new JsonObject { ["op"] = "sys_tags" })
                .GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToList();
            var ours = Comparable(target, out var excluded).Tags.Select(t => t.ToString()).ToList();
            var mismatch = Enumerable.Range(0, Math.Max(ours.Count, theirs.Count))
                .FirstOrDefault(i => i >= ours.Count || i >= theirs.Count || ours[i] != theirs[i], -1);
            output.WriteLine($"{target.Python} (packaging {target.PackagingVersion}): {theirs.Count} tags, ours {ours.Count}, excluded {excluded}"
                + (mismatch < 0 ? ", identical" : $", first mismatch at {mismatch}: ours {At(ours, mismatch)} theirs {At(theirs, mismatch)}"));
            if (mismatch >= 0) failures.Add($"{target.Python}: index {mismatch}");
            Assert.True(theirs.Count > 100, $"{target.Python}: suspiciously short sys_tags list");
        }
        Assert.Empty(failures);

        static string At(List<string> list, int i) => i < list.Count ? list[i] : "<end>";
    }

    [SkippableFact]
    public void GeneratedSuiteAgreesWithPackaging()
    {
        var targets = Targets();
        var random = new Random(425);
        var tally = new Tally(output);

        // Tag parsing, against each distinct packaging version.
        var tagInputs = Enumerable.Range(0, 3000).Select(_ => GenerateTagText(random, [])).ToList();
        foreach (var target in targets.GroupBy(t => t.PackagingVersion).Select(g => g.First()))
        {
            var answers = target.Oracle.Ask(tagInputs.Select(s => new JsonObject { ["op"] = "parse_tag", ["s"] = s }).ToList());
            for (var i = 0; i < tagInputs.Count; i++)
                tally.Compare($"parse_tag[{target.PackagingVersion}]", tagInputs[i], ParseTagAgrees(tagInputs[i], answers[i]));
        }

        // Wheel names and the compatibility decision (best rank) for each interpreter.
        foreach (var target in targets)
        {
            var supported = Comparable(target, out _);
            var pool = supported.Tags.Where((_, i) => i % 7 == 0).Select(t => t.ToString()).ToArray();
            var names = Enumerable.Range(0, 1500).Select(_ => GenerateWheelName(random, pool)).ToList();
            var answers = target.Oracle.Ask(names.Select(s => new JsonObject { ["op"] = "parse_wheel", ["s"] = s }).ToList());
            var installable = answers.Count(a => a.TryGetProperty("rank", out var r) && r.ValueKind == JsonValueKind.Number);
            output.WriteLine($"{target.Python}: {installable} of {names.Count} generated wheels installable by packaging's ranking");
            Assert.True(installable > names.Count / 10, "too few generated wheels exercise the ranking");
            for (var i = 0; i < names.Count; i++)
                tally.Compare($"wheel[{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(target.Python)))}]",
                    names[i], WheelAgrees(names[i], answers[i], supported));
        }

        // Platform generators and made-up interpreters, driven through packaging 22+ (needs its newer API).
        if (targets.FirstOrDefault(t => !OlderThan22(t.PackagingVersion)) is { } newest)
        {
            LinuxCases(random, newest, tally);
            MacCases(random, newest, tally);
            SyntheticInterpreterCases(random, newest, tally);
        }
        else
            output.WriteLine("no packaging ≥ 22 here: Linux/macOS/synthetic-interpreter cases not run");

        tally.Print();
        Assert.True(tally.Total >= 10_000, $"only {tally.Total} cases");
        Assert.Empty(tally.Disagreements);
    }

    private enum Verdict { Agree, Excluded, Disagree }

    private sealed class Tally(ITestOutputHelper output)
    {
        private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);
        public List<string> Disagreements { get; } = [];
        public int Total { get; private set; }

        public void Compare(string suite, string input, (Verdict Verdict, string Detail) result)
        {
            if (!_counts.TryGetValue(suite, out var c)) _counts[suite] = c = new int[3];
            c[(int)result.Verdict]++;
            Total++;
            if (result.Verdict == Verdict.Disagree)
            {
                Disagreements.Add($"{suite} '{input}': {result.Detail}");
                if (Disagreements.Count <= 20) output.WriteLine($"DISAGREE {suite} '{input}': {result.Detail}");
            }
        }

        public void Print()
        {
            foreach (var (suite, c) in _counts)
                output.WriteLine($"{suite}: {c.Sum()} cases, {c[0]} agree, {c[1]} excluded (documented), {c[2]} disagree");
            output.WriteLine($"total {Total} cases, {Disagreements.Count} disagreements");
        }
    }

    // ---- tag parsing ----

    private static readonly string[] Interpreters = ["py3", "py2", "cp311", "cp37", "pp310", "py", "CP39", "ip27", "graalpy311", "jy27", "_x", "3py", "py30"];
    private static readonly string[] Abis = ["none", "abi3", "cp311", "cp37m", "cp313t", "pypy38_pp73", "ABI3", "cp39d", "graalpy311_311_native"];
    private static readonly string[] Platforms = ["any", "linux_x86_64", "manylinux_2_17_x86_64", "manylinux2014_aarch64", "musllinux_1_2_x86_64",
        "win_amd64", "macosx_11_0_arm64", "macosx_10_9_universal2", "Linux_X86_64", "manylinux1_i686", "ios_13_0_arm64_iphoneos"];
    private static readonly string[] Noise = ["", ".", "-", " ", "@", "+", "é", "..", "_", "!"];

    private static string GenerateTagText(Random random, string[] pool)
    {
        if (pool.Length > 0 && random.Next(3) > 0)
            return pool[random.Next(pool.Length)];
        string Part(string[] choices) => string.Join('.', Enumerable.Range(0, random.Next(10) < 7 ? 1 : random.Next(2, 4)).Select(_ => choices[random.Next(choices.Length)]));
        var parts = new List<string> { Part(Interpreters), Part(Abis), Part(Platforms) };
        switch (random.Next(12))
        {
            case 0: parts.RemoveAt(random.Next(parts.Count)); break;
            case 1: parts.Add(Part(Platforms)); break;
        }
        var text = string.Join('-', parts);
        if (random.Next(6) == 0)
        {
            var at = random.Next(text.Length + 1);
            text = text[..at] + Noise[random.Next(Noise.Length)] + text[at..];
        }
        return text;
    }

    /// <summary>Inputs packaging accepts that we reject on purpose (see the class remarks).</summary>
    private static bool StricterThanPackaging(string tagText)
    {
        if (tagText.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))) return true;
        var parts = tagText.Split('-');
        if (parts.SelectMany(p => p.Split('.')).Any(m => m.Length == 0)) return true;
        if (parts[0].Split('.').Any(m => char.IsAsciiDigit(m[0]))) return true;
        return parts.Length == 3 && parts.Aggregate(1L, (n, p) => n * p.Split('.').Length) > MaxTags;
    }

    private static (Verdict, string) ParseTagAgrees(string text, JsonElement answer)
    {
        string? error = null;
        IReadOnlyList<Tag>? ours = null;
        try { ours = Tag.ParseSet(text); }
        catch (ParseException e) { error = e.Message; }
        var theirsOk = answer.GetProperty("ok").GetBoolean();
        if (ours is null && !theirsOk) return (Verdict.Agree, "");
        if (ours is null)
            return StricterThanPackaging(text) ? (Verdict.Excluded, "") : (Verdict.Disagree, $"we reject ({error}), packaging accepts");
        if (!theirsOk) return (Verdict.Disagree, $"we accept, packaging rejects: {answer.GetProperty("error").GetString()}");
        var expected = answer.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToList();
        var actual = ours.Select(t => t.ToString()).Order(StringComparer.Ordinal).ToList();
        return expected.SequenceEqual(actual) ? (Verdict.Agree, "") : (Verdict.Disagree, $"ours [{string.Join(' ', actual)}] theirs [{string.Join(' ', expected)}]");
    }

    // ---- wheel names and compatibility decisions ----

    private static readonly string[] Names = ["foo", "Foo_Bar", "foo.bar", "a", "zope.interface", "foo__bar", "", "foo bar", "_foo", "9x", "Django", "pip"];
    private static readonly string?[] Builds = [null, null, null, "1", "01abc", "123_x", "abc", "", "1.2", "99999999999999999999999"];
    private static readonly string[] Extensions = [".whl", ".whl", ".whl", ".whl", ".whl", ".whl", ".WHL", ".zip", ".whl.metadata", ""];

    private static string GenerateWheelName(Random random, string[] pool)
    {
        var parts = new List<string> { Names[random.Next(Names.Length)], Versions[random.Next(Versions.Length)] };
        if (Builds[random.Next(Builds.Length)] is { } build) parts.Add(build);
        parts.Add(GenerateTagText(random, pool));
        var name = string.Join('-', parts) + Extensions[random.Next(Extensions.Length)];
        if (random.Next(15) == 0)
        {
            var at = random.Next(name.Length + 1);
            name = name[..at] + Noise[random.Next(Noise.Length)] + name[at..];
        }
        return name;
    }

    private static (Verdict, string) WheelAgrees(string fileName, JsonElement answer, SupportedTags supported)
    {
        string? error = null;
        WheelFileName? ours = null;
        try { ours = WheelFileName.Parse(fileName); }
        catch (ParseException e) { error = e.Message; }
        var theirsOk = answer.GetProperty("ok").GetBoolean();
        if (ours is null && !theirsOk) return (Verdict.Agree, "");
        if (ours is null)
        {
            var stem = fileName[..^4];
            var dashes = stem.Split('-');
            var excluded = stem.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
                || dashes[0].Length == 0
                || StricterThanPackaging(string.Join('-', dashes[^3..]));
            return excluded ? (Verdict.Excluded, "") : (Verdict.Disagree, $"we reject ({error}), packaging accepts");
        }
        if (!theirsOk)
            return (Verdict.Disagree, $"we accept, packaging rejects: {answer.GetProperty("error").GetString()}");

        var problems = new List<string>();
        if (ours.NormalizedName != answer.GetProperty("name").GetString())
            problems.Add($"name {ours.NormalizedName} vs {answer.GetProperty("name").GetString()}");
        if (ours.Version.ToString() != answer.GetProperty("version").GetString())
            problems.Add($"version {ours.Version} vs {answer.GetProperty("version").GetString()}");
        var build = answer.GetProperty("build");
        var theirBuild = build.ValueKind == JsonValueKind.Null ? null : $"{build[0].GetString()}|{build[1].GetString()}";
        var ourBuild = ours.BuildTag is null ? null : $"{ours.BuildTag.Number}|{ours.BuildTag.Rest}";
        if (ourBuild != theirBuild) problems.Add($"build {ourBuild} vs {theirBuild}");
        var expected = answer.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToList();
        var actual = ours.Tags.Select(t => t.ToString()).Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual)) problems.Add($"tags [{string.Join(' ', actual)}] vs [{string.Join(' ', expected)}]");
        var rank = answer.GetProperty("rank");
        int? theirRank = rank.ValueKind == JsonValueKind.Null ? null : rank.GetInt32();
        var ourRank = supported.BestRank(ours.Tags);
        if (ourRank != theirRank) problems.Add($"best rank {ourRank} vs {theirRank}");
        if (ours.ToString() != fileName) problems.Add("ToString does not round-trip");
        return problems.Count == 0 ? (Verdict.Agree, "") : (Verdict.Disagree, string.Join("; ", problems));
    }

    // ---- platform generators and synthetic interpreters (packaging ≥ 22 only) ----

    private static void LinuxCases(Random random, Target target, Tally tally)
    {
        string[] platforms = ["linux-x86_64", "linux-aarch64", "linux-i686", "linux-armv7l", "linux-ppc64le", "linux-ppc64", "linux-s390x",
            "linux-riscv64", "linux-loongarch64", "linux-armv6l", "linux-mips64", "linux-armv8l"];
        int[]?[] glibcs = [null, [2, 5], [2, 12], [2, 16], [2, 17], [2, 28], [2, 36], [2, 39], [3, 1]];
        int[]?[] musls = [null, null, [1, 1], [1, 2]];
        var cases = Enumerable.Range(0, 600).Select(_ => (
            Platform: platforms[random.Next(platforms.Length)], Is32: random.Next(2) == 0,
            Glibc: glibcs[random.Next(glibcs.Length)], Musl: musls[random.Next(musls.Length)])).ToList();
        var answers = target.Oracle.Ask(cases.Select(c => new JsonObject
        {
            ["op"] = "linux", ["platform"] = c.Platform, ["is32"] = c.Is32,
            ["glibc"] = c.Glibc is null ? null : new JsonArray(c.Glibc[0], c.Glibc[1]),
            ["musl"] = c.Musl is null ? null : new JsonArray(c.Musl[0], c.Musl[1]),
        }).ToList());
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var ours = PlatformTags.Linux(c.Platform, c.Is32,
                c.Glibc is null ? null : (c.Glibc[0], c.Glibc[1]), c.Musl is null ? null : (c.Musl[0], c.Musl[1])).ToList();
            tally.Compare("linux_platforms", $"{c.Platform} 32bit={c.Is32} glibc={Show(c.Glibc)} musl={Show(c.Musl)}",
                SameList(ours, answers[i].GetProperty("platforms")));
        }
    }

    private static void MacCases(Random random, Target target, Tally tally)
    {
        string[] archs = ["x86_64", "arm64", "i386", "ppc", "ppc64", "intel"];
        var cases = Enumerable.Range(0, 400).Select(_ =>
        {
            var major = random.Next(3) == 0 ? 10 : random.Next(11, 27);
            var minor = major == 10 ? random.Next(0, 17) : random.Next(0, 4);
            return (Major: major, Minor: minor, Arch: archs[random.Next(archs.Length)]);
        }).ToList();
        var answers = target.Oracle.Ask(cases.Select(c => new JsonObject
        {
            ["op"] = "mac", ["version"] = new JsonArray(c.Major, c.Minor), ["arch"] = c.Arch,
        }).ToList());
        for (var i = 0; i < cases.Count; i++)
            tally.Compare("mac_platforms", $"{cases[i].Major}.{cases[i].Minor} {cases[i].Arch}",
                SameList(PlatformTags.MacOS(cases[i].Major, cases[i].Minor, cases[i].Arch).ToList(), answers[i].GetProperty("platforms")));
    }

    /// <summary>Made-up interpreters (debug, pymalloc, free-threaded, PyPy, GraalPy, old and future versions)
    /// through packaging's cpython_tags/generic_tags + compatible_tags with the same config variables.</summary>
    private static void SyntheticInterpreterCases(Random random, Target target, Tally tally)
    {
        (string Impl, string? ExtSuffix)[] impls =
        [
            ("cpython", null), ("cpython", null), ("cpython", null),
            ("pypy", ".pypy38-pp73-x86_64-linux-gnu.so"), ("graalpy", ".graalpy-38-native-x86_64-darwin.dylib"),
            ("pyston", ".pyston-23-x86_64-linux-gnu.so"), ("ironpython", ".cp310-win_amd64.pyd"),
        ];
        string?[] flags = [null, "0", "1"];
        string[][] platformSets = [["linux_x86_64"], ["manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"], ["win_amd64"], ["macosx_14_0_arm64", "macosx_10_16_universal2"]];
        var cases = new List<(InterpreterInfo Info, string[] Platforms, JsonObject Request)>();
        for (var n = 0; n < 600; n++)
        {
            var (impl, ext) = impls[random.Next(impls.Length)];
            var major = random.Next(8) == 0 ? 2 : 3;
            var minor = major == 2 ? 7 : random.Next(0, 16);
            var config = new Dictionary<string, string?>
            {
                ["Py_DEBUG"] = flags[random.Next(3)],
                ["WITH_PYMALLOC"] = flags[random.Next(3)],
                ["Py_GIL_DISABLED"] = flags[random.Next(3)],
                ["Py_UNICODE_SIZE"] = new[] { null, "2", "4" }[random.Next(3)],
                // Always set: packaging falls back to its own running version otherwise.
                ["py_version_nodot"] = $"{major}{minor}",
                ["EXT_SUFFIX"] = ext ?? $".cpython-{major}{minor}-x86_64-linux-gnu.so",
            };
            var refcount = random.Next(4) == 0;
            var platforms = platformSets[random.Next(platformSets.Length)];
            var info = SyntheticInterpreter.Info(impl, major, minor, config, refcount);
            var pyConfig = new JsonObject();
            foreach (var (k, v) in config)
                pyConfig[k] = v is null ? null : k is "py_version_nodot" or "EXT_SUFFIX" ? JsonValue.Create(v) : JsonValue.Create(int.Parse(v));
            cases.Add((info, platforms, new JsonObject
            {
                ["op"] = "synthetic", ["name"] = InterpreterTags.InterpreterName(impl), ["version"] = new JsonArray(major, minor),
                ["config"] = pyConfig, ["refcount"] = refcount, ["platforms"] = new JsonArray(platforms.Select(p => (JsonNode)p!).ToArray()),
            }));
        }
        var answers = target.Oracle.Ask(cases.Select(c => c.Request).ToList());
        for (var i = 0; i < cases.Count; i++)
        {
            var (info, platforms, request) = cases[i];
            var name = InterpreterTags.InterpreterName(info.Implementation);
            var specific = name == "cp"
                ? InterpreterTags.CPython(info.Major, info.Minor, InterpreterTags.CPythonAbis(info), platforms)
                : InterpreterTags.Generic(name + InterpreterTags.InterpreterVersion(info), InterpreterTags.GenericAbis(info), platforms);
            var any = name switch { "cp" => "cp" + InterpreterTags.InterpreterVersion(info), "pp" => "pp3", _ => null };
            var ours = specific.Concat(InterpreterTags.Compatible(info.Major, info.Minor, any, platforms)).Select(t => t.ToString()).ToList();
            tally.Compare("synthetic_interpreter", request["config"]!.ToJsonString() + " " + info.Implementation + $" {info.Major}.{info.Minor}",
                SameList(ours, answers[i].GetProperty("tags")));
        }
    }

    private static (Verdict, string) SameList(List<string> ours, JsonElement theirs)
    {
        var expected = theirs.EnumerateArray().Select(e => e.GetString()!).ToList();
        if (ours.SequenceEqual(expected)) return (Verdict.Agree, "");
        var at = Enumerable.Range(0, Math.Max(ours.Count, expected.Count))
            .First(i => i >= ours.Count || i >= expected.Count || ours[i] != expected[i]);
        return (Verdict.Disagree, $"first mismatch at {at}: ours {(at < ours.Count ? ours[at] : "<end>")} theirs {(at < expected.Count ? expected[at] : "<end>")} ({ours.Count} vs {expected.Count})");
    }

    private static string Show(int[]? v) => v is null ? "none" : $"{v[0]}.{v[1]}";
}
