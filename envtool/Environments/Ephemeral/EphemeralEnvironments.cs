using EnvTool.Environments.Trees;
using EnvTool.Store;
using EnvTool.Store.Errors;
using EnvTool.Store.Objects;
using EnvTool.Store.Trees;

namespace EnvTool.Environments.Ephemeral;

/// <summary>
/// Makes ephemeral environments ready: a symlink named by the needs' key in the private temp
/// directory, pointing at the store tree that satisfies them, and a weak root recording the use.
/// The warm path (symlink and tree present) reads one symlink and writes one catalog row; a wiped
/// symlink comes back from the catalog's need → tree record; only needs never seen are resolved.
/// </summary>
/// <param name="directory">The private directory the symlinks go in (see <see cref="EphemeralDirectory"/>), already checked.</param>
/// <param name="lifetime">How long after its last use an environment keeps its tree (null: the store's default, 30 days).</param>
public sealed class EphemeralEnvironments(ContentStore store, string directory, TimeSpan? lifetime = null)
{
    /// <summary>
    /// The environment for <paramref name="needs"/>, rooted for this process (which the program
    /// `envtool run` execs stays: same pid).
    /// </summary>
    /// <param name="packages">Resolves and imports the packages; called only when no tree is known for the needs.</param>
    public EphemeralEnvironment Prepare(EphemeralNeeds needs, Func<IReadOnlyList<TreePackage>> packages, CancellationToken ct = default)
    {
        var key = needs.Key;
        var path = Path.Combine(directory, LinkName(key));
        var roots = store.Ephemeral;

        if (roots.LinkedTree(path) is { } linked && roots.Register(path, linked, lifetime))
            return new EphemeralEnvironment(path, linked, needs.Interpreter, EphemeralOrigin.Linked, TreeReused: true, []);

        if (roots.FindTree(key) is { } known && store.Trees.Find(known) is not null)
        {
            roots.Link(path, known);
            if (roots.Register(path, known, lifetime))
                return new EphemeralEnvironment(path, known, needs.Interpreter, EphemeralOrigin.Relinked, TreeReused: true, []);
        }

        var provided = packages();
        ct.ThrowIfCancellationRequested();
        var tree = new TreeBuilder(store).Build(new TreeSpec(needs.Interpreter, provided, LinkMode.Hardlink, Compile: true), null, ct);
        roots.Remember(key, tree.Key);
        roots.Link(path, tree.Key);
        if (!roots.Register(path, tree.Key, lifetime))
            throw new EnvToolException($"the environment's tree {tree.Key} was removed by a garbage collection while it was being set up",
                "run the command again");
        return new EphemeralEnvironment(path, tree.Key, needs.Interpreter, EphemeralOrigin.Built, tree.Reused, tree.Warnings);
    }

    /// <summary>
    /// The symlink's name: the needs' key, made distinct per store, so two stores used by one user
    /// (ENVTOOL_STORE, --store) never point one name at each other's trees.
    /// </summary>
    public string LinkName(string needsKey) =>
        NameDigest.Hex(store.Root + "\n" + needsKey)[..48];
}
