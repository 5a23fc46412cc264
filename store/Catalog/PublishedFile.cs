using EnvTool.Store.Linking;

namespace EnvTool.Store.Catalog;

/// <summary>One file of an entry about to be catalogued: its path in the entry and where its bytes live.</summary>
internal sealed record PublishedFile(string Path, long Size, ObjectPlacement Placement);
