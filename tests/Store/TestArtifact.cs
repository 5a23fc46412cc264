using System.IO.Compression;
using System.Security.Cryptography;
using EnvTool.Store.Artifacts;

namespace EnvTool.Tests.Store;

/// <summary>
/// An artifact made up in the test: files as byte arrays, packed into a real zip file on disk (the
/// artifact's bytes, whose sha256 is its identity and which can be retained), plus a source that
/// counts how often it is read.
/// </summary>
internal sealed class TestArtifact : IArtifactSource
{
    private readonly List<(string Path, byte[] Bytes, bool Executable)> _files = [];
    private int _opens;
    private int _enumerations;

    public TestArtifact(string name, string version = "1.0")
    {
        Name = name;
        Version = version;
    }

    public string Name { get; }
    public string Version { get; }

    /// <summary>How many file streams were opened across all imports.</summary>
    public int Opens => Volatile.Read(ref _opens);
    public int Enumerations => Volatile.Read(ref _enumerations);

    /// <summary>Overrides applied to what Files() declares, to simulate lying sources.</summary>
    public Dictionary<string, string> DeclaredSha256 { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> DeclaredSize { get; } = new(StringComparer.Ordinal);
    public HashSet<string> WithoutHash { get; } = new(StringComparer.Ordinal);

    public TestArtifact Add(string path, string text, bool executable = false) => Add(path, System.Text.Encoding.UTF8.GetBytes(text), executable);

    public TestArtifact Add(string path, byte[] bytes, bool executable = false)
    {
        _files.Add((path, bytes, executable));
        return this;
    }

    public IReadOnlyList<(string Path, byte[] Bytes, bool Executable)> Contents => _files;

    public IEnumerable<ArtifactFile> Files()
    {
        Interlocked.Increment(ref _enumerations);
        foreach (var (path, bytes, executable) in _files)
        {
            yield return new ArtifactFile(
                path,
                DeclaredSize.TryGetValue(path, out var size) ? size : bytes.Length,
                WithoutHash.Contains(path) ? null : DeclaredSha256.TryGetValue(path, out var sha) ? sha : Sha256(bytes),
                executable,
                () =>
                {
                    Interlocked.Increment(ref _opens);
                    return new MemoryStream(bytes, writable: false);
                });
        }
    }

    /// <summary>Writes the artifact as a zip into <paramref name="dir"/> and describes it.</summary>
    public ArtifactDescriptor Describe(string dir, bool retain = true)
    {
        var zipPath = Path.Combine(dir, $"{Name}-{Version}-{Guid.NewGuid():N}.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var (path, bytes, _) in _files)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        var zipBytes = File.ReadAllBytes(zipPath);
        return new ArtifactDescriptor(Sha256(zipBytes), zipBytes.Length, $"{Name}-{Version}.zip", Name, Version,
            ["py3", "none", "any"], retain ? zipPath : null);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
