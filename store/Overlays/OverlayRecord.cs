namespace EnvTool.Store.Overlays;

/// <summary>
/// A published overlay: read-only files derived from one entry for one consumer (e.g. compiled
/// bytecode for one interpreter), laid out like the entry so they can be linked in next to it.
/// </summary>
/// <param name="Id">Its catalog id, for <see cref="Trees.TreeContents.OverlayIds"/>.</param>
/// <param name="Path">Absolute: &lt;store&gt;/overlays/&lt;entry sha256&gt;-&lt;tag&gt;.</param>
/// <param name="Files">Paths relative to <paramref name="Path"/>, '/'-separated, in ordinal order.</param>
public sealed record OverlayRecord(long Id, string EntrySha256, string Tag, string Path, IReadOnlyList<string> Files);
