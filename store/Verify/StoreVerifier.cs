using EnvTool.Store.Catalog;
using EnvTool.Store.Entries;
using EnvTool.Store.Layout;
using EnvTool.Store.Objects;
using EnvTool.Store.Staging;

namespace EnvTool.Store.Verify;

/// <summary>
/// Runs the checks in order (objects, entries against the catalog, uncatalogued debris, dead
/// staging) and, when asked, hands the findings to <see cref="StoreRepairer"/>.
/// </summary>
internal sealed class StoreVerifier
{
    private readonly StoreLayout _layout;
    private readonly VerifyCatalog _catalog;
    private readonly EntryImporter _importer;

    internal StoreVerifier(StoreLayout layout, VerifyCatalog catalog, EntryImporter importer)
    {
        _layout = layout;
        _catalog = catalog;
        _importer = importer;
    }

    internal VerifyReport Verify(VerifyOptions options, IProgress<VerifyProgress>? progress)
    {
        var objectRows = _catalog.Objects();
        var objectChecks = ObjectChecker.Check(_layout, objectRows, options, progress);
        _catalog.MarkVerified(objectChecks.Where(c => c.NewState is not null).Select(c => (c.Row.Id, c.NewState!.Value)).ToList());
        var objectsById = objectChecks.ToDictionary(c => c.Row.Id);

        var entryRows = _catalog.Entries();
        var entryChecks = EntryChecker.Check(_layout, entryRows, _catalog.EntryFiles(), objectsById, options, progress);

        var orphanEntries = OrphanFinder.EntryDirectories(_layout, _catalog, entryRows.Select(e => e.ArtifactSha256).ToHashSet(StringComparer.Ordinal));
        var orphanObjects = OrphanFinder.Objects(_layout, _catalog, objectRows.Select(o => o.Object).ToHashSet(), options.OrphanGrace);
        var staleStaging = StagingSweeper.FindDead(_layout)
            .Select(d => new VerifyProblem(VerifyProblemKind.StaleStaging, d, "belongs to a process that is gone"))
            .ToList();
        progress?.Report(new VerifyProgress("orphans", 1, 1));

        var findings = new VerifyFindings(objectChecks, entryChecks, orphanEntries, orphanObjects, staleStaging);
        var rebuilt = new List<string>();
        var problems = options.Repair
            ? new StoreRepairer(_layout, _catalog, _importer, options, progress).Repair(findings, rebuilt)
            : findings.Problems(_layout).ToList();
        return new VerifyReport(problems, objectChecks.Count, objectChecks.Count(c => c.NewState is not null || c.Health == ObjectHealth.Corrupt),
            entryChecks.Count, rebuilt);
    }
}

/// <summary>Everything one verify pass found, before any repair.</summary>
internal sealed record VerifyFindings(
    IReadOnlyList<ObjectCheck> Objects,
    IReadOnlyList<EntryCheck> Entries,
    IReadOnlyList<VerifyProblem> OrphanEntries,
    IReadOnlyList<VerifyProblem> OrphanObjects,
    IReadOnlyList<VerifyProblem> StaleStaging)
{
    internal IEnumerable<VerifyProblem> Problems(StoreLayout layout)
    {
        foreach (var o in Objects)
        {
            if (o.Health == ObjectHealth.Good) continue;
            var kind = o.Health switch
            {
                ObjectHealth.Corrupt => VerifyProblemKind.CorruptObject,
                ObjectHealth.Missing => VerifyProblemKind.MissingObject,
                _ => VerifyProblemKind.WrongMode,
            };
            yield return new VerifyProblem(kind, layout.ObjectPath(o.Row.Object), o.Detail);
        }
        foreach (var e in Entries)
            foreach (var p in e.Problems) yield return p;
        foreach (var p in OrphanEntries.Concat(OrphanObjects).Concat(StaleStaging)) yield return p;
    }
}
