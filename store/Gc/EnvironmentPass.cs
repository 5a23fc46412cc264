using EnvTool.Store.Catalog;
using EnvTool.Store.Environments;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;

namespace EnvTool.Store.Gc;

/// <summary>
/// The first step of gc: decide which generations stay roots. Each environment is looked at under
/// its own lock (taken without waiting: an environment another process is changing keeps all its
/// generations this time). One whose path is gone, or is no longer a symlink to a tree of its
/// generations, is dropped; the others lose the generations the options prune, never the current one.
/// </summary>
internal sealed class EnvironmentPass(StoreLayout layout, CatalogDatabase database, GcOptions options, long now)
{
    private readonly EnvironmentCatalog _environments = new(layout, database);
    private readonly GcCatalog _gc = new(layout, database);

    /// <summary>Ids of generation rows that are no longer roots (already deleted unless this is a dry run).</summary>
    internal HashSet<long> Removed { get; } = [];

    internal void Run(List<GcItem> items, List<string> notes, CancellationToken ct)
    {
        var generationIds = _gc.GenerationIds();
        foreach (var environment in _gc.Environments())
        {
            ct.ThrowIfCancellationRequested();
            using var fileLock = FileLock.TryAcquire(layout.EnvironmentLockPath(environment.Path));
            if (fileLock is null)
            {
                notes.Add($"kept every generation of '{environment.Path}': another process is changing it");
                continue;
            }
            var rows = _environments.Read(environment.Path);
            if (rows.EnvironmentId is not { } id) continue; // dropped by a create at the same path meanwhile

            // The link is read once: the user may delete the path at any moment (no lock keeps them
            // from it), and a second read could find nothing where the first found a tree.
            if (WhyGone(environment.Path, rows, out var key) is { } reason)
            {
                if (!options.DryRun) _gc.DropEnvironment(id);
                items.Add(new GcItem(GcItemKind.Environment, environment.Path, reason));
                foreach (var g in rows.Generations) Removed.Add(generationIds.GetValueOrDefault((id, g.Number)));
                continue;
            }

            var current = EnvironmentReader.ResolveCurrent(environment.Path, key, rows)!.Value;
            var doomed = rows.Generations.Where(g => g.Number > current).Select(g => g.Number).ToList(); // never switched to
            if (!options.DryRun)
            {
                rows = EnvironmentReader.Reconcile(_environments, environment.Path, rows, current);
                doomed.Clear();
            }
            doomed.AddRange(Pruned(rows.Generations.Where(g => g.Number <= current).ToList(), current));
            if (doomed.Count == 0) continue;
            if (!options.DryRun) _gc.DeleteGenerations(id, doomed);
            foreach (var number in doomed)
            {
                Removed.Add(generationIds.GetValueOrDefault((id, number)));
                items.Add(new GcItem(GcItemKind.Generation, $"{environment.Path} generation {number}"));
            }
        }
        DropDeadRoots(items);
    }

    /// <summary>
    /// Why the environment is no longer one (its path is gone or leads elsewhere), or null when it
    /// still is; then <paramref name="key"/> is the tree its link names, one of its generations'.
    /// </summary>
    private string? WhyGone(string path, EnvironmentCatalog.Rows rows, out string? key)
    {
        key = null;
        string? linked;
        try
        {
            linked = EnvironmentLink.ReadTreeKey(layout, path);
        }
        catch (EnvironmentPathTakenException)
        {
            return "something else is at the path now, not its symlink";
        }
        if (linked is null) return "the path is gone";
        if (!rows.Generations.Any(g => g.TreeKey == linked)) return "the path now links to a tree none of its generations names";
        key = linked;
        return null;
    }

    /// <summary>The generations (current excluded) that --keep-generations or --older-than remove.</summary>
    private IEnumerable<int> Pruned(List<GenerationRecord> generations, int current)
    {
        var keep = options.KeepGenerations is { } n ? generations.OrderByDescending(g => g.Number).Take(n).Select(g => g.Number).ToHashSet() : null;
        var cutoff = options.OlderThan is { } age ? DateTimeOffset.FromUnixTimeMilliseconds(now) - age : (DateTimeOffset?)null;
        return generations
            .Where(g => g.Number != current && ((keep is not null && !keep.Contains(g.Number)) || (cutoff is { } c && g.CreatedAt < c)))
            .Select(g => g.Number);
    }

    private void DropDeadRoots(List<GcItem> items)
    {
        foreach (var root in _gc.Roots())
        {
            if (root.DeadReason(now) is not { } reason) continue;
            if (!options.DryRun) _gc.DeleteRoot(root.Id);
            items.Add(new GcItem(GcItemKind.Root, $"{root.Kind} root {root.Reference}" + (root.Path is { } p ? $" ({p})" : ""), reason));
        }
    }
}
