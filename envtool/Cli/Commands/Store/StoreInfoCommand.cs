using System.CommandLine;
using System.Text.Json;

namespace EnvTool.Cli.Commands.Store;

/// <summary><c>envtool store info</c>: where the store is, what it holds, and what sharing saves.</summary>
public static class StoreInfoCommand
{
    public static Command Create()
    {
        var format = OutputFormatOption.Create();
        var command = new Command("info", "Show the store's location, counts and sizes (with what deduplication saves)")
            .WithExamples("envtool store info", "envtool --store /srv/envtool store info --format json");
        command.Options.Add(format);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var info = store.Info();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(info, StoreJsonContext.Default.StoreInfo));
                return 0;
            }
            Console.Out.WriteLine($"store:      {info.Root}");
            Console.Out.WriteLine($"artifacts:  {info.Artifacts}");
            Console.Out.WriteLine($"entries:    {info.Entries}");
            Console.Out.WriteLine($"objects:    {info.Objects}");
            Console.Out.WriteLine($"trees:      {info.Trees}");
            Console.Out.WriteLine($"logical:    {Bytes.Format(info.LogicalBytes)}");
            Console.Out.WriteLine($"on disk:    {Bytes.Format(info.PhysicalBytes)} (retained wheels {Bytes.Format(info.RetainedArtifactBytes)})");
            Console.Out.WriteLine($"dedup saves {Bytes.Format(info.DedupSavedBytes)}");
            foreach (var layer in info.ReadOnlyLayers)
                Console.Out.WriteLine($"read-only:  {layer.Root} ({layer.Entries} entries, used in place)");
            return 0;
        }));
        return command;
    }
}
