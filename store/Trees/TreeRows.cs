using EnvTool.Store.Entries;

namespace EnvTool.Store.Trees;

/// <summary>One entry a tree is made of, as the builder hands it to the catalog.</summary>
/// <param name="Requested">The user asked for it, rather than it being pulled in as a dependency.</param>
/// <param name="DirectUrl">Where it came from when installed from a URL or path (PEP 610 JSON), else null.</param>
public sealed record TreeEntryRow(string ArtifactSha256, bool Requested, string? DirectUrl);

/// <summary>One entry of a published tree, with the name and version its artifact was catalogued under.</summary>
public sealed record TreeEntryInfo(EntryRecord Entry, string Name, string Version, bool Requested, string? DirectUrl);

/// <summary>A published tree: the read-only directory trees/&lt;key&gt;.</summary>
/// <param name="Reused">It was already published; nothing was built.</param>
/// <param name="Warnings">Fallbacks the build took (at most one per kind), for the caller to show.</param>
public sealed record PublishedTree(string Key, string Path, LinkMode LinkMode, bool Reused, IReadOnlyList<string> Warnings);

/// <summary>What a filled staging tree is made of, recorded in the catalog when it is published.</summary>
public sealed record TreeContents(IReadOnlyList<TreeEntryRow> Entries, IReadOnlyList<long> OverlayIds);
