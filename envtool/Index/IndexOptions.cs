namespace EnvTool.Index;

/// <summary>The source options every resolving command takes, named as pip and uv name them.</summary>
public sealed record IndexOptions
{
    /// <summary>The primary index (--index-url / -i); null means the default public index, unless NoIndex.</summary>
    public string? IndexUrl { get; init; }
    public IReadOnlyList<string> ExtraIndexUrls { get; init; } = [];
    /// <summary>Directories, local files or HTML pages listing distributions (--find-links / -f).</summary>
    public IReadOnlyList<string> FindLinks { get; init; } = [];
    /// <summary>Ignore every index; only find-links (--no-index).</summary>
    public bool NoIndex { get; init; }
    /// <summary>Use only what is cached; never touch the network (--offline).</summary>
    public bool Offline { get; init; }
}
