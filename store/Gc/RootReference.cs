namespace EnvTool.Store.Gc;

/// <summary>What a row of the roots table keeps alive, as its <c>reference</c> column spells it.</summary>
internal static class RootReference
{
    private const string TreePrefix = "tree:";
    private const string EntryPrefix = "entry:";

    internal static string Tree(string key) => TreePrefix + key;

    internal static string Entry(string artifactSha256) => EntryPrefix + artifactSha256;

    /// <summary>The tree key a reference names, or null when it names something else.</summary>
    internal static string? TreeKey(string reference) =>
        reference.StartsWith(TreePrefix, StringComparison.Ordinal) ? reference[TreePrefix.Length..] : null;

    /// <summary>The artifact sha256 a reference names, or null when it names something else.</summary>
    internal static string? EntrySha256(string reference) =>
        reference.StartsWith(EntryPrefix, StringComparison.Ordinal) ? reference[EntryPrefix.Length..] : null;
}
