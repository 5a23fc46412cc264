using System.CommandLine;
using System.Text.Json;
using EnvTool.Store.Gc;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// <c>envtool store gc</c>: removes what no environment, live ephemeral environment or running
/// envtool process needs, and says what it freed.
/// </summary>
public static class StoreGcCommand
{
    private static readonly GcItemKind[] Kinds = Enum.GetValues<GcItemKind>();

    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed and how much it would free; remove nothing" };
        var keep = new Option<int?>("--keep-generations") { Description = "Keep only the newest N generations of each environment (the current one always stays)" };
        keep.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--keep-generations must be at least 1");
        });
        var olderThan = new Option<string?>("--older-than") { Description = "Delete non-current generations older than this (e.g. 30d, 12h); also the age after which cached index responses go (default 7d)" };
        var maxSize = new Option<string?>("--max-size") { Description = "Then evict least-recently-used unreferenced packages until the store fits (e.g. 10G, 500M)" };
        var grace = new Option<string>("--grace") { Description = "Keep anything made or used this recently even if nothing roots it", DefaultValueFactory = _ => "1h" };
        var format = OutputFormatOption.Create();
        var command = new Command("gc", "Remove trees, packages and files no environment or running envtool process needs, and say what that freed")
            .WithExamples(
                "envtool store gc --dry-run",
                "envtool store gc --keep-generations 3",
                "envtool store gc --older-than 30d --max-size 10G",
                "envtool store gc --format json");
        command.Options.Add(dryRun);
        command.Options.Add(keep);
        command.Options.Add(olderThan);
        command.Options.Add(maxSize);
        command.Options.Add(grace);
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var options = new GcOptions
            {
                DryRun = parse.GetValue(dryRun),
                KeepGenerations = parse.GetValue(keep),
                OlderThan = parse.GetValue(olderThan) is { } age ? QuantityText.ParseDuration(age) : null,
                MaxSize = parse.GetValue(maxSize) is { } size ? QuantityText.ParseSize(size) : null,
                Grace = QuantityText.ParseDuration(parse.GetValue(grace)!),
            };
            using var store = StoreLocation.Open(parse);
            var report = store.CollectGarbage(options);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                var counts = Kinds.ToDictionary(k => Name(k), report.Count);
                var output = new GcOutput(report.DryRun, report.FreedBytes, counts, report.Items, report.Notes,
                    report.MaxSize, report.StoreBytesBefore, report.StoreBytesAfter, report.Fits);
                Console.Out.WriteLine(JsonSerializer.Serialize(output, GcJsonContext.Default.GcOutput));
            }
            else
            {
                WriteText(report);
            }
            if (!report.Fits)
                CommandRunner.Warn($"the store does not fit in {Bytes.Format(report.MaxSize!.Value)}: everything left is in use");
            return 0;
        }));
        return command;
    }

    private static void WriteText(GcReport report)
    {
        var verb = report.DryRun ? "would remove" : "removed";
        foreach (var item in report.Items)
        {
            // Objects and cache files are many and say nothing one by one: they are counted below.
            if (item.Kind is GcItemKind.Object or GcItemKind.CacheFile) continue;
            if (item.Kind == GcItemKind.Environment && !report.DryRun)
                Console.Out.WriteLine($"dropped environment {item.Name}: {item.Detail}");
            else
                Console.Out.WriteLine($"{verb} {Name(item.Kind)} {item.Name}" + (item.Detail is { } d ? $": {d}" : "") + (item.Evicted ? " (evicted for --max-size)" : ""));
        }
        foreach (var note in report.Notes) Console.Out.WriteLine("note: " + note);
        var counts = Kinds.Where(k => report.Count(k) > 0).Select(k => Count(report.Count(k), k)).ToList();
        Console.Out.WriteLine(counts.Count == 0
            ? "nothing to remove"
            : $"{(report.DryRun ? "would remove" : "removed")} {string.Join(", ", counts)}: {(report.DryRun ? "would free" : "freed")} {Bytes.Format(report.FreedBytes)}");
        if (report.StoreBytesAfter is { } after)
            Console.Out.WriteLine($"store size {Bytes.Format(report.StoreBytesBefore!.Value)} -> {Bytes.Format(after)} (limit {Bytes.Format(report.MaxSize!.Value)})");
    }

    private static string Name(GcItemKind kind) => kind switch
    {
        GcItemKind.CacheFile => "cache-file",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Count(int n, GcItemKind kind) => kind switch
    {
        GcItemKind.Entry => n == 1 ? "1 entry" : $"{n} entries",
        GcItemKind.CacheFile => n == 1 ? "1 cache file" : $"{n} cache files",
        GcItemKind.Debris => $"{n} debris",
        GcItemKind.Staging => $"{n} staging",
        _ => $"{n} {Name(kind)}" + (n == 1 ? "" : "s"),
    };
}
