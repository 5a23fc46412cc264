namespace EnvTool.Environments.Trees;

/// <summary>Where one file of a tree gets its content.</summary>
internal abstract record TreeSource
{
    /// <summary>A read-only file already in the store (an entry's or an overlay's file), linked in.</summary>
    internal sealed record StoreFile(string Path) : TreeSource;

    /// <summary>Bytes the tree generates (scripts, RECORD...), stored as an object first.</summary>
    internal sealed record Generated(byte[] Content, bool Executable) : TreeSource;

    /// <summary>A symbolic link holding <paramref name="Target"/>.</summary>
    internal sealed record Symlink(string Target) : TreeSource;

    internal byte[] ReadContent() => this switch
    {
        StoreFile f => File.ReadAllBytes(f.Path),
        Generated g => g.Content,
        Symlink s => System.Text.Encoding.UTF8.GetBytes("->" + s.Target),
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>
/// Every path of a tree and where its content comes from, checked as it is added: a path claimed
/// twice with different content, or both as a file and as a directory, is a
/// <see cref="TreeConflictException"/> naming both owners.
/// </summary>
internal sealed class TreePlan
{
    internal sealed record Item(string Path, TreeSource Source, string Owner);

    private readonly Dictionary<string, Item> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _implied = new(StringComparer.Ordinal);

    internal int FileCount => _files.Count;

    /// <summary>
    /// Every file, in no particular order: the build spreads them over cores by subtree anyway
    /// (<see cref="Store.Trees.TreeStaging.LinkAll"/>), so sorting 40,000 paths bought nothing.
    /// </summary>
    internal IEnumerable<Item> Files => _files.Values;

    /// <summary>Explicitly created directories (others come with their files), in no particular order.</summary>
    internal IEnumerable<string> Directories => _directories.Keys;

    internal void AddDirectory(string path, string owner)
    {
        if (_files.TryGetValue(path, out var file)) throw new TreeConflictException(path, file.Owner, owner);
        AddAncestors(path, owner);
        _directories.TryAdd(path, owner);
    }

    internal void Add(string path, TreeSource source, string owner)
    {
        if (_directories.TryGetValue(path, out var dirOwner) || _implied.TryGetValue(path, out dirOwner))
            throw new TreeConflictException(path, dirOwner, owner);
        if (_files.TryGetValue(path, out var existing))
        {
            if (!SameContent(existing.Source, source)) throw new TreeConflictException(path, existing.Owner, owner);
            return;
        }
        AddAncestors(path, owner);
        _files[path] = new Item(path, source, owner);
    }

    /// <summary>
    /// Claims the directories above <paramref name="path"/> from the nearest up, stopping at the first
    /// one already claimed: claims are made whole chains at a time, so everything above it is too.
    /// A tree's 40,000 files share a few thousand directories; cutting each path into all its
    /// ancestors made most of planning's garbage.
    /// </summary>
    private void AddAncestors(string path, string owner)
    {
        var implied = _implied.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (implied.ContainsKey(path.AsSpan(0, slash))) return;
            var directory = path[..slash];
            if (_files.TryGetValue(directory, out var file)) throw new TreeConflictException(directory, file.Owner, owner);
            _implied.Add(directory, owner);
        }
    }

    private static bool SameContent(TreeSource a, TreeSource b)
    {
        if (a == b) return true;
        if (a is TreeSource.Symlink || b is TreeSource.Symlink) return false;
        if (a is TreeSource.Generated ga && b is TreeSource.Generated gb)
            return ga.Executable == gb.Executable && ga.Content.AsSpan().SequenceEqual(gb.Content);
        return a.ReadContent().AsSpan().SequenceEqual(b.ReadContent());
    }
}
