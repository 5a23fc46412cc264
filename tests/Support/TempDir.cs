namespace EnvTool.Tests.Support;

/// <summary>A fresh directory under the system temp dir, removed (read-only bits included) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "envtool-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (!Directory.Exists(Path)) return;
        // Store trees are read-only on purpose, and their directories immutable where the process may
        // set the flag (as root); clear both so they can be removed instead of piling up in /tmp.
        try { EnvTool.Store.Trees.TreeSealing.Unseal(Path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EnvTool.Store.Errors.EnvToolException) { }
        using (var chmod = System.Diagnostics.Process.Start("chmod", ["-R", "u+w", Path])) chmod.WaitForExit();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
