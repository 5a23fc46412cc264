using System.Diagnostics;

namespace EnvTool.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test, to run out of space or inodes for real (mounting needs root;
/// <see cref="Mounted"/> is false otherwise and the test skips). Unmounted and removed on dispose.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private readonly TempDir _temp = new("envtool-tmpfs");

    /// <param name="options">tmpfs mount options, e.g. "size=1m" or "size=16m,nr_inodes=3000".</param>
    public SmallTmpfs(string options)
    {
        Path = _temp.Sub("small");
        Directory.CreateDirectory(Path);
        Mounted = Run("mount", "-t", "tmpfs", "-o", options, "envtool-test", Path) == 0;
    }

    public string Path { get; }

    public bool Mounted { get; }

    /// <summary>A scratch directory beside the mount, on the ordinary file system.</summary>
    public string Scratch => _temp.Path;

    public void Dispose()
    {
        if (Mounted) Run("umount", "-l", Path);
        _temp.Dispose();
    }

    private static int Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
