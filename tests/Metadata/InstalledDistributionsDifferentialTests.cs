using System.Diagnostics;
using System.Text.Json;
using EnvTool.Standards;
using EnvTool.Standards.Metadata;
using Xunit.Abstractions;

namespace EnvTool.Tests.Metadata;

/// <summary>
/// Every dist-info (and egg-info directory) in a real site-packages, read by our parsers and by Python itself in one process:
/// importlib.metadata for METADATA, RECORD and entry_points.txt, the email parser for WHEEL, and the csv
/// writer (sorted as pip sorts) for what RECORD must look like when written back. Header values are
/// compared raw, as Python's email parser returns them (importlib.metadata re-indents folded ones).
/// </summary>
public class InstalledDistributionsDifferentialTests(ITestOutputHelper output)
{

    private const string Script = """
        import csv, email, io, json, sys
        import importlib.metadata as md

        def text(v):
            return None if v is None else str(v)

        out = []
        for d in md.distributions(path=[sys.argv[1]]):
            if not d._path.is_dir():
                continue
            m = d.metadata
            raw = email.message_from_string(d.read_text("METADATA") or d.read_text("PKG-INFO"))
            wheel = email.message_from_string(d.read_text("WHEEL") or "")
            has_record = (d._path / "RECORD").exists()
            buf = io.StringIO()
            if has_record:
                with open(d._path / "RECORD", newline="", encoding="utf-8") as f:
                    rows = list(csv.reader(f))
                csv.writer(buf).writerows(sorted((p, h, str(s)) for p, h, s in rows))
            out.append({
                "dir": d._path.name,
                "name": m["Name"],
                "version": d.version,
                "metadata_version": m["Metadata-Version"],
                "summary": m["Summary"],
                "requires_python": m["Requires-Python"],
                "requires": d.requires or [],
                # importlib.metadata's adapter re-indents folded values; the raw values are the email parser's.
                "headers": [[k, text(v)] for k, v in raw.items()],
                "payload": raw.get_payload(),
                "entry_points": [[e.group, e.name, e.value, e.module, e.attr, e.extras] for e in d.entry_points],
                "files": [[str(f), f.hash.mode if f.hash else None, f.hash.value if f.hash else None, f.size] for f in d.files or []] if has_record else None,
                "wheel": {
                    "version": wheel["Wheel-Version"],
                    "purelib": wheel["Root-Is-Purelib"],
                    "generator": wheel["Generator"],
                    "build": wheel["Build"],
                    "tags": wheel.get_all("Tag") or [],
                },
                "record_written": buf.getvalue(),
            })
        json.dump(out, sys.stdout)
        """;

    [SkippableTheory]
    // pyenv's 3.11: wheels installed by pip (the brief's ~95 distributions).
    [InlineData("/root/.pyenv/versions/3.11.7/bin/python3", "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages", 50)]
    // Debian's packages: dist-info written by Debian's tools and egg-info with PKG-INFO of older metadata versions.
    [InlineData("/usr/bin/python3.11", "/usr/lib/python3/dist-packages", 20)]
    public void EveryInstalledDistributionReadsAsImportlibMetadataReadsIt(string python, string sitePackages, int atLeast)
    {
        Skip.If(!File.Exists(python), $"{python} is not on this machine");
        Skip.If(!Directory.Exists(sitePackages), $"{sitePackages} is not on this machine");

        using var expected = RunPython(python, sitePackages);
        var problems = new List<string>();
        var distributions = 0;
        var wheels = 0;
        var refusedRecords = new List<string>();
        var files = 0;
        var entryPoints = 0;

        foreach (var dist in expected.RootElement.EnumerateArray())
        {
            distributions++;
            var dir = Path.Combine(sitePackages, dist.GetProperty("dir").GetString()!);
            var name = Path.GetFileName(dir);
            void Expect(string what, object? ours, object? theirs)
            {
                if (!Equals(ours, theirs)) problems.Add($"{name}: {what}: {Difference(ours, theirs)}");
            }

            var metadataPath = Path.Combine(dir, "METADATA");
            var metadata = CoreMetadata.Read(File.Exists(metadataPath) ? metadataPath : Path.Combine(dir, "PKG-INFO"));
            Expect("Name", metadata.Name, dist.GetProperty("name").GetString());
            Expect("Version", metadata.Version, dist.GetProperty("version").GetString());
            Expect("Metadata-Version", metadata.MetadataVersion, dist.GetProperty("metadata_version").GetString());
            Expect("Summary", metadata.Summary, dist.GetProperty("summary").GetString());
            Expect("Requires-Python", metadata.RequiresPython, dist.GetProperty("requires_python").GetString());
            // For egg-info, importlib.metadata reads requires.txt instead, which is not core metadata.
            if (dir.EndsWith(".dist-info", StringComparison.Ordinal))
                Expect("Requires-Dist", Join(metadata.RequiresDist), Join(Strings(dist.GetProperty("requires"))));
            Expect("headers", Join(metadata.Headers.Select(h => $"{h.Name}: {h.Value}")),
                Join(dist.GetProperty("headers").EnumerateArray().Select(h => $"{h[0].GetString()}: {h[1].GetString()}")));
            var payload = dist.GetProperty("payload").GetString()!;
            if (payload.Length > 0) Expect("Description (body)", metadata.Description, payload);

            if (File.Exists(Path.Combine(dir, "WHEEL")))
            {
                wheels++;
                var wheel = WheelInfo.Read(Path.Combine(dir, "WHEEL"));
                var w = dist.GetProperty("wheel");
                Expect("Wheel-Version", wheel.WheelVersion, w.GetProperty("version").GetString()!.Trim());
                Expect("Root-Is-Purelib", wheel.RootIsPurelib, w.GetProperty("purelib").GetString()!.Trim().ToLowerInvariant() == "true"); // as pip reads it
                Expect("Generator", wheel.Generator, w.GetProperty("generator").GetString()?.Trim());
                Expect("Build", wheel.Build, w.GetProperty("build").GetString()?.Trim());
                Expect("Tag", Join(wheel.Tags), Join(Strings(w.GetProperty("tags")).Select(t => t.Trim())));
            }

            var entryPointsPath = Path.Combine(dir, "entry_points.txt");
            var ours = File.Exists(entryPointsPath) ? EntryPoints.Read(entryPointsPath).All : [];
            entryPoints += ours.Count;
            Expect("entry points",
                Join(ours.Select(e => $"{e.Group}|{e.Name}|{e.Value}|{e.Module}|{e.Attribute}|{string.Join(",", e.Extras)}")),
                Join(dist.GetProperty("entry_points").EnumerateArray().Select(e =>
                    $"{e[0].GetString()}|{e[1].GetString()}|{e[2].GetString()}|{e[3].GetString()}|{e[4].GetString()}|{string.Join(",", Strings(e[5]))}")));

            if (!File.Exists(Path.Combine(dir, "RECORD"))) continue;
            RecordFile record;
            try
            {
                record = RecordFile.Read(Path.Combine(dir, "RECORD"));
            }
            catch (FileParseException e)
            {
                // We refuse digests that are not URL-safe base64 of the algorithm's size (Debian's pdm
                // writes hex there); importlib.metadata passes any text through. Such a refusal must
                // match a row whose digest Python reports but cannot be valid.
                refusedRecords.Add(e.Message);
                var bad = dist.GetProperty("files").EnumerateArray().Any(f => f[1].GetString() == "sha256" && f[2].GetString()!.Length != 43);
                if (!bad) problems.Add($"{name}: we refused a RECORD whose sha256 digests all look valid: {e.Message}");
                continue;
            }
            files += record.Rows.Count;
            Expect("RECORD rows",
                Join(record.Rows.Select(r => $"{r.Path}|{r.Hash?.Algorithm}|{r.Hash?.DigestBase64}|{r.Size}")),
                Join(dist.GetProperty("files").EnumerateArray().Select(f =>
                    $"{f[0].GetString()}|{f[1].GetString()}|{f[2].GetString()}|{(f[3].ValueKind == JsonValueKind.Null ? "" : f[3].GetInt64().ToString())}")));

            var written = record.ToText();
            Expect("RECORD as pip writes it", written, dist.GetProperty("record_written").GetString());
            var reread = RecordFile.Parse(written, "rewritten RECORD");
            Expect("RECORD round trip",
                Join(reread.Rows.Select(r => $"{r.Path}|{r.Hash}|{r.Size}").Order(StringComparer.Ordinal)),
                Join(record.Rows.Select(r => $"{r.Path}|{r.Hash}|{r.Size}").Order(StringComparer.Ordinal)));
        }

        output.WriteLine($"{sitePackages}: {distributions} distributions ({wheels} WHEEL files), {files} RECORD rows, {entryPoints} entry points compared; {problems.Count} disagreements");
        foreach (var refused in refusedRecords) output.WriteLine($"refused as malformed: {refused}");
        Assert.True(distributions >= atLeast, $"expected {sitePackages} to hold at least {atLeast} distributions, found {distributions}");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    private static JsonDocument RunPython(string python, string sitePackages)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(sitePackages);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"the Python helper failed: {stderr.Result}");
        return JsonDocument.Parse(stdout);
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);
    private static string Join(IEnumerable<string> items) => string.Join("\n", items);

    /// <summary>Where two values first differ, with a little context, so a long description stays readable.</summary>
    private static string Difference(object? ours, object? theirs)
    {
        if (ours is not string a || theirs is not string b) return $"ours {ours ?? "null"}, Python {theirs ?? "null"}";
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Around(string s) => "'" + s.Substring(Math.Max(0, i - 20), Math.Min(s.Length, i + 40) - Math.Max(0, i - 20)).Replace("\r", "\\r").Replace("\n", "\\n") + "'";
        return $"differ at {i} (lengths {a.Length}/{b.Length}): ours {Around(a)}, Python {Around(b)}";
    }
}
