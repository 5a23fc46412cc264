namespace EnvTool.Store.Environments;

public enum GenerationChangeKind { Added, Removed, Changed }

/// <summary>One line of what a generation changed against its parent: a named item and its version before and after.</summary>
public sealed record GenerationChange(GenerationChangeKind Kind, string Name, string? Before, string? After);

/// <summary>
/// One numbered state of an environment: the tree it names, the generation it was made from, the
/// command that made it and what that changed.
/// </summary>
/// <param name="Restores">For a rollback, the generation whose tree it brought back; else null.</param>
/// <param name="Settings">The caller's own text describing how this environment's trees are built (opaque to the store).</param>
public sealed record GenerationRecord(
    int Number,
    int? Parent,
    string TreeKey,
    string TreePath,
    string Command,
    DateTimeOffset CreatedAt,
    int? Restores,
    string Settings,
    IReadOnlyList<GenerationChange> Changes);

/// <summary>
/// An environment as its symlink and the catalog describe it together: its generations, oldest first,
/// and the current one (the generation whose tree the symlink points at), or null when the path does
/// not exist (never created, deleted by the user, or a create that never switched).
/// </summary>
public sealed record EnvironmentState(string Path, IReadOnlyList<GenerationRecord> Generations, GenerationRecord? Current)
{
    public GenerationRecord? Find(int number) => Generations.FirstOrDefault(g => g.Number == number);

    /// <summary>
    /// Where a rollback without a target goes: the newest generation before the current one (before
    /// the one it restored, when the current one is itself a rollback, so repeated rollbacks keep
    /// going back) whose tree differs from the current tree. Null when there is none.
    /// </summary>
    public GenerationRecord? RollbackTarget() => Current is not { } current ? null
        : Generations.LastOrDefault(g => g.Number < (current.Restores ?? current.Number) && g.TreeKey != current.TreeKey);
}
