using EnvTool.Store.Objects;

namespace EnvTool.Store.Layout;

/// <summary>Where everything lives inside one store root. Pure path arithmetic: touches nothing on disk.</summary>
public sealed class StoreLayout
{
    public StoreLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string CatalogPath => Path.Combine(Root, "catalog.db");
    public string ObjectsDir => Path.Combine(Root, "objects");
    public string EntriesDir => Path.Combine(Root, "entries");
    public string TreesDir => Path.Combine(Root, "trees");
    public string TmpDir => Path.Combine(Root, "tmp");
    public string LocksDir => Path.Combine(Root, "locks");
    public string OverlaysDir => Path.Combine(Root, "overlays");

    /// <summary>Caches that may be thrown away at any time (the HTTP cache lives in cache/http).</summary>
    public string CacheDir => Path.Combine(Root, "cache");

    /// <summary>
    /// The store lock: held briefly to register an operation's roots, and by gc while it checks that
    /// no operation is in flight and removes objects, so an operation never links an object gc is removing.
    /// Its file stays (as gc.lock's does): deleting it after every hold cost an inode allocation per hold.
    /// </summary>
    public string RootsLockPath => Path.Combine(LocksDir, "roots.lock");

    /// <summary>Held for a whole garbage collection: one at a time per store.</summary>
    public string GcLockPath => Path.Combine(LocksDir, "gc.lock");

    /// <summary>File names of the locks that tell whether the process behind a root row is alive (see OwnerLock).</summary>
    public const string OwnerLockPrefix = "owner-";

    /// <summary>The flock a store handle's process holds while it lives; its root rows name the token.</summary>
    public string OwnerLockPath(string token) => Path.Combine(LocksDir, OwnerLockPrefix + token + ".lock");

    /// <summary>The flock serializing the build (and gc's removal) of one tree.</summary>
    public string TreeLockPath(string treeKey) => Path.Combine(LocksDir, "tree-" + treeKey + ".lock");

    /// <summary>The flock serializing the publication (and gc's removal) of one overlay.</summary>
    public string OverlayLockPath(string entrySha256, string tag) => Path.Combine(LocksDir, $"overlay-{entrySha256}-{tag}.lock");

    public IEnumerable<string> Directories => [ObjectsDir, EntriesDir, TreesDir, TmpDir, LocksDir];

    public string ObjectPath(ObjectRef obj) => Path.Combine(ObjectsDir, obj.Sha256[..2], obj.FileName);
    public string ObjectShardDir(string sha256) => Path.Combine(ObjectsDir, sha256[..2]);

    /// <summary>entries/&lt;artifact sha256&gt;, relative to the root, as the catalog records it.</summary>
    public static string EntryRelativePath(string artifactSha256) => "entries/" + artifactSha256;
    public string EntryDir(string artifactSha256) => Path.Combine(EntriesDir, artifactSha256);
    public string Absolute(string relative) => Path.Combine(Root, relative);

    /// <summary>The flock serializing the unpacking of one artifact across processes.</summary>
    public string ArtifactLockPath(string artifactSha256) => Path.Combine(LocksDir, artifactSha256 + ".lock");

    /// <summary>trees/&lt;key&gt;: where a published tree lives, and what an environment's symlink holds.</summary>
    public string TreeDir(string treeKey) => Path.Combine(TreesDir, treeKey);

    /// <summary>The flock serializing changes to one environment (named by the sha256 of its absolute path).</summary>
    public string EnvironmentLockPath(string environmentPath) =>
        Path.Combine(LocksDir, "env-" + NameDigest.Hex(environmentPath) + ".lock");

    /// <summary>$ENVTOOL_STORE, else $XDG_DATA_HOME/envtool, else ~/.local/share/envtool.</summary>
    public static string DefaultRoot() => DefaultRoot(Environment.GetEnvironmentVariable);

    /// <summary>The same, reading variables through <paramref name="getenv"/> (tests must not change the process environment).</summary>
    internal static string DefaultRoot(Func<string, string?> getenv)
    {
        if (getenv("ENVTOOL_STORE") is { Length: > 0 } store) return Path.GetFullPath(store);
        // The XDG spec says relative values are invalid and must be ignored.
        if (getenv("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "envtool");
        var home = getenv("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "envtool");
    }
}
