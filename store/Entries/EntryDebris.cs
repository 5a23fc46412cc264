using EnvTool.Store.IO;
using EnvTool.Store.Layout;
using EnvTool.Store.Objects;

namespace EnvTool.Store.Entries;

/// <summary>
/// An entry directory without a catalog row is what a process killed between the rename and the
/// catalog commit leaves behind: recoverable garbage, never a valid entry. Removing it is safe only
/// under the artifact lock (a live importer holds it across rename and commit) and after checking
/// again that no row appeared.
/// </summary>
internal static class EntryDebris
{
    /// <summary>Name of the file in a staging directory that records which entry it is publishing.</summary>
    internal const string PublishIntentFileName = "publishing";

    /// <returns>true when the directory was removed; false when it is (now) a catalogued entry.</returns>
    internal static bool RemoveIfUncatalogued(StoreLayout layout, string artifactSha256, Func<string, bool> entryExists, Action<string>? beforeRemove = null) =>
        UncataloguedDirectory.Remove(layout.ArtifactLockPath(artifactSha256), layout.EntryDir(artifactSha256), () => entryExists(artifactSha256), beforeRemove);

    /// <summary>The artifact a dead staging directory was publishing, if it got that far.</summary>
    internal static string? ReadPublishIntent(string stagingDir)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(stagingDir, PublishIntentFileName)).Trim();
            return Sha256Hex.IsValid(text) ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
