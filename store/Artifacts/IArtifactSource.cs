namespace EnvTool.Store.Artifacts;

/// <summary>The files of one artifact, as its format lists them.</summary>
public interface IArtifactSource
{
    /// <summary>Files in the order they should be read (for a zip: archive order, so it streams once).</summary>
    IEnumerable<ArtifactFile> Files();
}
