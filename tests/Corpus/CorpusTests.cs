using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnvTool.Tests.Corpus;

/// <summary>
/// The real corpus: wheels rebuilt from an interpreter's installed distributions must be valid,
/// installable, consistent with each other, indexed correctly, and rebuilt byte for byte the same.
/// </summary>
public sealed class CorpusTests(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private static readonly string[] FlaskClosure = ["blinker", "click", "flask", "itsdangerous", "jinja2", "markupsafe", "werkzeug"];

    [SkippableFact]
    public void CorpusHoldsManyRealWheelsIncludingCompiledOnes()
    {
        corpus.SkipIfUnavailable();
        Assert.True(corpus.Rebuilt.Count >= 50, $"only {corpus.Rebuilt.Count} wheels rebuilt");
        foreach (var compiled in new[] { "cryptography-", "cffi-", "markupsafe-" })
            Assert.Contains(corpus.Rebuilt, w => w.StartsWith(compiled, StringComparison.Ordinal) && !w.EndsWith("-none-any.whl", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void EveryWheelsRecordMatchesItsZipContents()
    {
        corpus.SkipIfUnavailable();
        var wheels = Directory.GetFiles(corpus.Wheels, "*.whl");
        Assert.NotEmpty(wheels);
        foreach (var wheel in wheels)
        {
            using var zip = ZipFile.OpenRead(wheel);
            var distInfo = zip.Entries.Select(e => e.FullName.Split('/')[0]).Distinct(StringComparer.Ordinal)
                .Single(d => d.EndsWith(".dist-info", StringComparison.Ordinal));
            var record = ReadRecord(zip.GetEntry(distInfo + "/RECORD") ?? throw new Xunit.Sdk.XunitException($"{wheel}: no RECORD"));
            var members = zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.True(members.SetEquals(record.Keys), $"{Path.GetFileName(wheel)}: RECORD and zip members differ");
            foreach (var entry in zip.Entries.Where(e => e.FullName != distInfo + "/RECORD"))
            {
                var (hash, size) = record[entry.FullName];
                using var s = entry.Open();
                using var buffer = new MemoryStream();
                s.CopyTo(buffer);
                var digest = "sha256=" + Convert.ToBase64String(SHA256.HashData(buffer.ToArray())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                Assert.True(digest == hash, $"{Path.GetFileName(wheel)}: {entry.FullName} hash differs from RECORD");
                Assert.Equal(size, buffer.Length);
                Assert.DoesNotContain("__pycache__", entry.FullName, StringComparison.Ordinal);
            }
            foreach (var installerOnly in new[] { "INSTALLER", "REQUESTED", "direct_url.json" })
                Assert.Null(zip.GetEntry($"{distInfo}/{installerOnly}"));
            AssertFileNameMatchesWheelMetadata(wheel, zip, distInfo);
        }
    }

    [SkippableFact]
    public void FlaskInstallsWithItsDependenciesAndRebuildsToTheSameBytes()
    {
        corpus.SkipIfUnavailable();
        var venv = corpus.Temp.Sub("flask-venv");
        CorpusFixture.RunOk(corpus.Python!, "-m", "venv", venv);
        var py = Path.Combine(venv, "bin", "python");
        CorpusFixture.RunOk(py, "-m", "pip", "install", "-q", "--no-index", "--find-links", corpus.Wheels, "flask");
        CorpusFixture.RunOk(py, "-m", "pip", "check");
        CorpusFixture.RunOk(py, "-c", "import flask, markupsafe._speedups, jinja2, werkzeug, click");

        // Installed from corpus wheels and rebuilt from that install: the wheels must come back identical.
        var again = corpus.Temp.Sub("flask-rebuilt");
        var rebuilt = CorpusFixture.Run(corpus.Python!, [corpus.Script!, "--out", again, "--python", py, "--only", .. FlaskClosure]);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Stderr);
        var wheels = Directory.GetFiles(Path.Combine(again, "wheels"), "*.whl").Select(Path.GetFileName).ToList();
        Assert.Equal(FlaskClosure.Length, wheels.Count);
        foreach (var name in wheels)
            Assert.True(File.ReadAllBytes(Path.Combine(again, "wheels", name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(corpus.Wheels, name!))),
                $"{name} rebuilt from the venv differs from the corpus wheel it was installed from");

        // A file changed after installation makes its distribution skipped, with the file named.
        var initPy = Path.Combine(CorpusFixture.SitePackages(py), "flask", "__init__.py");
        File.AppendAllText(initPy, "\n# edited\n");
        var strict = CorpusFixture.Run(corpus.Python!, [corpus.Script!, "--out", corpus.Temp.Sub("flask-modified"), "--python", py, "--only", "flask", "click"]);
        Assert.Equal(0, strict.ExitCode);
        Assert.Contains("skip flask-", strict.Stderr, StringComparison.Ordinal);
        Assert.Contains("flask/__init__.py was modified", strict.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(corpus.Temp.Sub("flask-modified", "wheels"), "*.whl"), f => Path.GetFileName(f).StartsWith("click-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void LargestSetInstallsIntoOneEnvironmentAndPassesPipCheck()
    {
        corpus.SkipIfUnavailable();
        var venv = corpus.Temp.Sub("largest-venv");
        CorpusFixture.RunOk(corpus.Python!, "-m", "venv", venv);
        var py = Path.Combine(venv, "bin", "python");
        CorpusFixture.RunOk(py, ["-m", "pip", "install", "-q", "--no-index", "--no-deps", "--no-compile",
            .. corpus.Rebuilt.Select(w => Path.Combine(corpus.Wheels, w))]);
        var check = CorpusFixture.RunOk(py, "-m", "pip", "check");
        Assert.Contains("No broken requirements", check.Stdout, StringComparison.Ordinal);
        var listed = CorpusFixture.RunOk(py, "-m", "pip", "list", "--format", "json");
        using var doc = JsonDocument.Parse(listed.Stdout);
        Assert.Equal(corpus.Rebuilt.Count, doc.RootElement.GetArrayLength());
        CorpusFixture.RunOk(py, "-c", "import cryptography.hazmat.bindings._rust, cffi, boto3, yaml, pydantic_core");
    }

    [SkippableFact]
    public void IndexServesEveryWheelWithHashesAndCoreMetadata()
    {
        corpus.SkipIfUnavailable();
        var simple = Path.Combine(corpus.Out, "simple");
        using var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(simple, "index.json")));
        Assert.Equal("1.1", root.RootElement.GetProperty("meta").GetProperty("api-version").GetString());
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var project in root.RootElement.GetProperty("projects").EnumerateArray())
        {
            var name = project.GetProperty("name").GetString()!;
            var html = File.ReadAllText(Path.Combine(simple, name, "index.html"));
            using var page = JsonDocument.Parse(File.ReadAllText(Path.Combine(simple, name, "index.json")));
            foreach (var file in page.RootElement.GetProperty("files").EnumerateArray())
            {
                var fileName = file.GetProperty("filename").GetString()!;
                var wheel = Path.GetFullPath(Path.Combine(simple, name, file.GetProperty("url").GetString()!));
                var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel)));
                Assert.Equal(sha, file.GetProperty("hashes").GetProperty("sha256").GetString());
                Assert.Equal(new FileInfo(wheel).Length, file.GetProperty("size").GetInt64());
                var metadataSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel + ".metadata")));
                Assert.Equal(metadataSha, file.GetProperty("core-metadata").GetProperty("sha256").GetString());
                Assert.Contains($"href=\"../../wheels/{fileName}#sha256={sha}\"", html, StringComparison.Ordinal);
                Assert.Contains($"data-core-metadata=\"sha256={metadataSha}\"", html, StringComparison.Ordinal);
                if (file.TryGetProperty("requires-python", out var rp))
                    Assert.Contains($"data-requires-python=\"{System.Net.WebUtility.HtmlEncode(rp.GetString())}\"", html, StringComparison.Ordinal);
                indexed.Add(fileName);
            }
        }
        Assert.True(indexed.SetEquals(Directory.GetFiles(corpus.Wheels, "*.whl").Select(f => Path.GetFileName(f)!)));

        // pip resolves Flask from the static index alone (HTML pages, hash fragments, metadata files).
        var report = CorpusFixture.RunOk(corpus.Python!, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed",
            "--report", "-", "--index-url", "file://" + simple, "flask");
        using var resolved = JsonDocument.Parse(report.Stdout);
        var names = resolved.RootElement.GetProperty("install").EnumerateArray()
            .Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!.ToLowerInvariant()).Order(StringComparer.Ordinal);
        Assert.Equal(FlaskClosure, names);
    }

    [SkippableFact]
    public void BuildingTwiceGivesTheSameBytes()
    {
        corpus.SkipIfUnavailable();
        var second = corpus.Temp.Sub("corpus-again");
        var built = corpus.Build(second);
        Assert.True(built.ExitCode == 0, built.Stderr);
        var first = Files(corpus.Out);
        Assert.Equal(first, Files(second));
        foreach (var rel in first)
            Assert.True(File.ReadAllBytes(Path.Combine(corpus.Out, rel)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, rel))),
                $"{rel} differs between two builds");

        static List<string> Files(string dir) =>
            Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, (string Hash, long Size)> ReadRecord(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var rows = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            // Paths with commas are quoted; hashes and sizes never contain commas.
            var lastComma = line.LastIndexOf(',');
            var hashComma = line.LastIndexOf(',', lastComma - 1);
            var path = line[..hashComma];
            if (path.StartsWith('"')) path = path[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            var size = line[(lastComma + 1)..];
            rows[path] = (line[(hashComma + 1)..lastComma], size.Length == 0 ? -1 : long.Parse(size, System.Globalization.CultureInfo.InvariantCulture));
        }
        return rows;
    }

    private static void AssertFileNameMatchesWheelMetadata(string wheel, ZipArchive zip, string distInfo)
    {
        var fileName = Path.GetFileName(wheel);
        var parts = fileName[..^".whl".Length].Split('-');
        Assert.True(parts.Length == 5, $"{fileName}: expected name-version-python-abi-platform");
        string Header(string member, string field)
        {
            using var r = new StreamReader(zip.GetEntry($"{distInfo}/{member}")!.Open());
            var text = r.ReadToEnd();
            return Regex.Match(text, $"^{field}: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        }
        Assert.Equal(Regex.Replace(Header("METADATA", "Name"), "[-_.]+", "_").ToLowerInvariant(), parts[0]);
        Assert.Equal(Header("METADATA", "Version").Replace('-', '_'), parts[1]);
        using var wheelFile = new StreamReader(zip.GetEntry($"{distInfo}/WHEEL")!.Open());
        var tags = Regex.Matches(wheelFile.ReadToEnd(), "^Tag: (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToHashSet(StringComparer.Ordinal);
        var expanded = parts[2].Split('.').SelectMany(p => parts[3].Split('.').SelectMany(a => parts[4].Split('.').Select(f => $"{p}-{a}-{f}"))).ToHashSet(StringComparer.Ordinal);
        Assert.True(tags.SetEquals(expanded), $"{fileName}: filename tags differ from WHEEL's Tag lines");
    }
}
