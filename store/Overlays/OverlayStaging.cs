using EnvTool.Store.Staging;

namespace EnvTool.Store.Overlays;

/// <summary>
/// Scratch space in tmp/ where a caller writes the files of one or more overlays before publishing
/// them with <see cref="OverlayStore.Publish"/>. Disposing removes whatever was not published.
/// </summary>
public sealed class OverlayStaging : IDisposable
{
    private readonly StagingDirectory _staging;

    internal OverlayStaging(StagingDirectory staging) => _staging = staging;

    internal StagingDirectory Staging => _staging;

    /// <summary>The (created, empty) directory to fill for the overlay of this entry and tag.</summary>
    public string DirectoryFor(string entrySha256, string tag)
    {
        OverlayStore.RequireTag(tag);
        var dir = Path.Combine(_staging.Path, "overlay-" + entrySha256 + "-" + tag);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void Dispose() => _staging.Dispose();
}
