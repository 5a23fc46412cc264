using EnvTool.Store.Catalog;
using EnvTool.Store.Environments;
using EnvTool.Store.Layout;
using EnvTool.Store.Locks;
using EnvTool.Store.Native;

namespace EnvTool.Store.Roots;

/// <summary>
/// Ephemeral environments (scripts, tools): a symlink in a private temp directory pointing at a tree,
/// held by a weak root. Unlike registered environments they have no generations and no lock: the
/// symlink's name is derived from what the environment needs, so every writer of one name writes
/// the same target, and a rename(2) of a fresh symlink is all a change takes.
/// </summary>
public sealed class EphemeralRootStore
{
    private readonly StoreLayout _layout;
    private readonly EphemeralCatalog _catalog;
    private readonly OwnerLock _owner;

    internal EphemeralRootStore(StoreLayout layout, CatalogDatabase database, OwnerLock owner)
    {
        _layout = layout;
        _catalog = new EphemeralCatalog(database);
        _owner = owner;
    }

    /// <summary>
    /// The tree key <paramref name="path"/> points at when it is a symlink to a tree directory of this
    /// store that is on disk; else null (missing, dangling, or something else). Reads no catalog.
    /// </summary>
    public string? LinkedTree(string path)
    {
        if (Posix.TryReadLink(path) is not { } target) return null;
        if (EnvironmentLink.TreeKeyOf(_layout, target) is not { } key) return null;
        return Posix.TryStat(target) is { IsDirectory: true } ? key : null;
    }

    /// <summary>Points <paramref name="path"/> at the tree, replacing whatever symlink was there, atomically.</summary>
    public void Link(string path, string treeKey) => EnvironmentLink.Switch(_layout, path, treeKey, mustBeNew: false);

    /// <summary>How long an ephemeral environment nobody uses keeps its tree: 30 days.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// Records that <paramref name="path"/> uses the tree now, on behalf of this process (its owner
    /// lock, which a program it execs keeps: see <see cref="ContentStore.PrepareForExec"/>), and keeps the tree for <paramref name="lifetime"/>
    /// (default <see cref="DefaultLifetime"/>) after this use. False when the catalog no longer lists
    /// the tree (gc removed it): build it again, then register.
    /// </summary>
    public bool Register(string path, string treeKey, TimeSpan? lifetime = null) =>
        _catalog.Register(path, treeKey, ProcessIdentity.Current, _owner.Token, lifetime ?? DefaultLifetime);

    /// <summary>The tree recorded for <paramref name="needKey"/> (the caller's digest of what it needs), if still catalogued.</summary>
    public string? FindTree(string needKey) => _catalog.FindTree(needKey);

    /// <summary>Records that the published tree <paramref name="treeKey"/> satisfies <paramref name="needKey"/>.</summary>
    public void Remember(string needKey, string treeKey) => _catalog.Remember(needKey, treeKey);

    /// <summary>Every ephemeral root, by path.</summary>
    public IReadOnlyList<EphemeralRoot> List() => _catalog.List();
}
