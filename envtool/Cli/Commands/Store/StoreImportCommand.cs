using System.CommandLine;
using EnvTool.Store.Errors;
using EnvTool.Store.Transfer;
using EnvTool.Wheels;

namespace EnvTool.Cli.Commands.Store;

/// <summary>
/// <c>envtool store import ARCHIVE...</c>: restores wheels from archives `store export` wrote,
/// verifying each against the archive's manifest and then as a wheel (every RECORD hash) before it
/// is unpacked into the store. Wheels the store already holds are skipped without unpacking.
/// </summary>
public static class StoreImportCommand
{
    public static Command Create()
    {
        var archives = new Argument<string[]>("archive") { Description = "Archives written by `envtool store export` (.tar.zst or .tar); - reads standard input", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Restore the wheels of archives written by `store export` into the store, verifying every hash")
            .WithExamples("envtool store import cache.tar.zst", "curl -s https://ci.example/cache.tar.zst | envtool store import -");
        command.Arguments.Add(archives);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var store = StoreLocation.Open(parse);
            var importer = new WheelImporter(store);
            foreach (var archive in parse.GetValue(archives)!)
            {
                var name = archive == "-" ? "standard input" : archive;
                using var input = archive == "-" ? Console.OpenStandardInput() : OpenArchive(archive);
                var progress = new SynchronousProgress<(ArchivedArtifact Artifact, bool AlreadyPresent)>(p =>
                    Console.Out.WriteLine((p.AlreadyPresent ? "present  " : "imported ") + p.Artifact.FileName));
                var summary = ArchiveReader.Import(store, input, name, (file, artifact) =>
                {
                    try
                    {
                        importer.Import(file);
                    }
                    catch (EnvToolException e)
                    {
                        throw new InvalidArchiveException(name, $"member '{artifact.Member}' is not a valid wheel: {e.Message}");
                    }
                }, progress);
                Console.Out.WriteLine($"Imported {summary.Imported} wheels from {name} ({summary.AlreadyPresent} already in the store)");
            }
            return 0;
        }));
        return command;
    }

    private static FileStream OpenArchive(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new EnvToolException($"cannot read the archive '{path}': {e.Message}", "check the path (`envtool store export -o FILE` writes one)");
        }
    }
}
