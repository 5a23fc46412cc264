using System.CommandLine;
using EnvTool.Standards.Locks;
using EnvTool.Store.Artifacts;
using EnvTool.Store.Transfer;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// <c>envtool store export -o FILE [--lock pylock.toml]</c>: the store's wheels (all, or those a
/// lock names) as one zstd-compressed tar, for a CI cache to restore with <c>store import</c>.
/// </summary>
public static class StoreExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The archive to write (.tar.zst); - writes to standard output", Required = true };
        var locks = new Option<string[]>("--lock") { DefaultValueFactory = _ => [], Description = "Export only the wheels these lock files (pylock.toml) name; repeatable", AllowMultipleArgumentsPerToken = false };
        var command = new Command("export", "Write the store's wheels (or those a lock file needs) to one archive, to restore a warm store elsewhere with `store import`")
            .WithExamples("envtool store export --lock pylock.toml -o cache.tar.zst",
                          "envtool store export -o - | ssh builder envtool store import -");
        command.Options.Add(output);
        command.Options.Add(locks);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var artifacts = store.ListArtifacts().Where(a => a.HasEntry).ToList();
            if (parse.GetValue(locks) is { Length: > 0 } lockPaths) artifacts = NamedBy(lockPaths, artifacts);

            var destination = parse.GetValue(output)!;
            var toStdout = destination == "-";
            var log = toStdout ? Console.Error : Console.Out; // the archive itself may be on stdout
            var progress = new SynchronousProgress<ArchivedArtifact>(a => log.WriteLine($"exported {a.FileName}"));
            var summary = toStdout
                ? ArchiveWriter.ToStream(store, artifacts, Console.OpenStandardOutput(), progress)
                : ArchiveWriter.ToFile(store, artifacts, destination, progress);
            var total = summary.Artifacts.Sum(a => a.Size);
            log.WriteLine($"Exported {summary.Artifacts.Count} wheels ({Bytes.Format(total)}) as {Bytes.Format(summary.ArchiveBytes)}"
                          + (toStdout ? " to standard output" : $" to {destination}"));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The stored artifacts the locks list (by sha256). A package with none of its wheels in the
    /// store is reported, not fatal: a lock may list wheels for other platforms, and only the
    /// packages installed on this machine can be exported from here.
    /// </summary>
    private static List<ArtifactRecord> NamedBy(string[] lockPaths, List<ArtifactRecord> stored)
    {
        var bySha = stored.ToDictionary(a => a.Sha256, StringComparer.Ordinal);
        var chosen = new Dictionary<string, ArtifactRecord>(StringComparer.Ordinal);
        foreach (var path in lockPaths)
        {
            var locked = PyLockReader.Read(path);
            foreach (var package in locked.Packages)
            {
                var inStore = package.Wheels
                    .Select(w => w.Hashes.Sha256?.DigestHex)
                    .OfType<string>()
                    .Where(bySha.ContainsKey)
                    .ToList();
                foreach (var sha in inStore) chosen[sha] = bySha[sha];
                if (inStore.Count == 0)
                    CommandRunner.Warn($"{path}: no wheel of {package.Display} is in the store, so the archive will not hold it "
                                       + "(install from the lock on this machine first, e.g. `envtool sync`)");
            }
        }
        return chosen.Values.OrderBy(a => a.FileName, StringComparer.Ordinal).ToList();
    }
}
