namespace EnvTool.Store.Staging;

/// <summary>
/// A private directory in tmp/ for files on their way into the store (e.g. downloads before they are
/// imported): on the store's file system, owned by this process, removed on dispose or, if the
/// process dies, by the next sweep.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private readonly StagingDirectory _staging;

    internal ScratchDirectory(StagingDirectory staging) => _staging = staging;

    public string Path => _staging.Path;

    /// <summary>A path for a new file named <paramref name="fileName"/>, unique in this directory (nothing is created).</summary>
    public string NewFile(string fileName)
    {
        var dir = _staging.NewName("file");
        Directory.CreateDirectory(dir);
        return System.IO.Path.Combine(dir, fileName);
    }

    public void Dispose() => _staging.Dispose();
}
