using System.IO.Compression;
using System.Text;

namespace EnvTool.Wheels;

/// <summary>
/// A wheel opened as a zip archive, its central directory already checked: every member name is
/// a safe relative path, every member is a regular file or a directory, no two members collide
/// (exactly, or by case within a directory, or as file and directory), and the declared sizes stay
/// within the limits and within what deflate can honestly produce. Member bytes are only read
/// through <see cref="OpenMember"/>, which holds each member to its declared size.
/// </summary>
public sealed class WheelArchive : IDisposable
{
    /// <summary>
    /// Deflate cannot compress better than about 1032:1, so a member declaring more is lying about
    /// its size or using a method built to explode.
    /// </summary>
    public const int MaxCompressionRatio = 1100;

    private readonly Stream _file;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, WheelMember> _byPath;

    private WheelArchive(string wheel, Stream file, ZipArchive zip, List<WheelMember> files)
    {
        Wheel = wheel;
        _file = file;
        _zip = zip;
        Files = files;
        _byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
    }

    /// <summary>The wheel's file name, as errors name it.</summary>
    public string Wheel { get; }

    /// <summary>The regular files, in archive order (so reading them in this order streams the file once).</summary>
    public IReadOnlyList<WheelMember> Files { get; }

    public long DeclaredBytes => Files.Sum(f => f.Size);

    public WheelMember? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>
    /// Opens <paramref name="file"/> (positioned anywhere; it is read from the start and owned from
    /// now on) and checks its central directory. Throws <see cref="InvalidWheelException"/>.
    /// </summary>
    public static WheelArchive Open(Stream file, string wheel, long maxUnpackedBytes, int maxFiles)
    {
        ZipArchive zip;
        try
        {
            file.Position = 0;
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new InvalidWheelException(wheel, $"is not a zip archive, or is truncated ({e.Message})", inner: e);
        }
        try
        {
            return new WheelArchive(wheel, file, zip, CheckCentralDirectory(zip, wheel, maxUnpackedBytes, maxFiles));
        }
        catch
        {
            zip.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>The member's bytes, never more or fewer than its header declares.</summary>
    public Stream OpenMember(WheelMember member)
    {
        Stream inner;
        try
        {
            inner = member.Entry.Open();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidWheelException(Wheel, $"cannot be read ({e.Message})", member.Path, e);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidWheelException(Wheel, $"cannot be read ({e.Message})", member.Path, e);
        }
        return new DeclaredSizeStream(inner, Wheel, member);
    }

    /// <summary>Reads a small member (a dist-info file) whole; refuses one larger than <paramref name="maxBytes"/>.</summary>
    public byte[] ReadAll(WheelMember member, int maxBytes = 64 << 20)
    {
        if (member.Size > maxBytes)
            throw new InvalidWheelException(Wheel, $"is {member.Size} bytes, more than the {maxBytes} bytes allowed for it", member.Path);
        var bytes = new byte[member.Size];
        using var stream = OpenMember(member);
        stream.ReadExactly(bytes);
        // Reading once more lets the stream see a member that inflates past its declared size.
        if (stream.Read(new byte[1]) != 0) throw new InvalidOperationException("unreachable: DeclaredSizeStream refuses extra bytes");
        return bytes;
    }

    public void Dispose()
    {
        _zip.Dispose();
        _file.Dispose();
    }

    private static List<WheelMember> CheckCentralDirectory(ZipArchive zip, string wheel, long maxUnpackedBytes, int maxFiles)
    {
        var entries = zip.Entries;
        if (entries.Count > maxFiles)
            throw new InvalidWheelException(wheel, $"has {entries.Count} members, more than the limit of {maxFiles} files");

        var files = new List<WheelMember>(entries.Count);
        var tree = new PathTree(wheel);
        long total = 0;
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            if (MemberPath.Problem(name) is { } problem) throw new InvalidWheelException(wheel, problem, name);

            var type = UnixFileType.FromExternalAttributes(entry.ExternalAttributes);
            var isDirectory = name.EndsWith('/');
            if (isDirectory)
            {
                if (!(type.IsDirectory || type.IsRegularOrUnset) || entry.Length != 0)
                    throw new InvalidWheelException(wheel, "is a directory member with contents or a special file type", name);
                tree.Add(name[..^1], isDirectory: true);
                continue;
            }
            if (type.IsDirectory) throw new InvalidWheelException(wheel, "is marked as a directory but its name does not end in '/'", name);
            if (!type.IsRegularOrUnset) throw new InvalidWheelException(wheel, $"is a {type.Describe()}", name);

            if (entry.Length < 0 || entry.CompressedLength < 0)
                throw new InvalidWheelException(wheel, "declares a negative size", name);
            if (entry.Length > 0 && (entry.CompressedLength == 0 || entry.Length / entry.CompressedLength > MaxCompressionRatio))
                throw new InvalidWheelException(wheel,
                    $"declares {entry.Length} bytes from {entry.CompressedLength} compressed bytes, beyond what deflate can produce (a zip bomb?)", name);
            total += entry.Length;
            if (total > maxUnpackedBytes)
                throw new InvalidWheelException(wheel, $"unpacks to more than the limit of {maxUnpackedBytes} bytes");

            tree.Add(name, isDirectory: false);
            files.Add(new WheelMember(name, entry.Length, entry.CompressedLength, type.IsExecutable, entry));
        }
        return files;
    }

    /// <summary>
    /// Every path of the archive and the directories they imply, to find two members that would
    /// land on the same file: the same name twice, names that differ only by case inside one
    /// directory (one file on macOS and Windows), or one name used as both a file and a directory.
    /// </summary>
    private sealed class PathTree(string wheel)
    {
        private readonly Dictionary<string, bool> _kinds = new(StringComparer.Ordinal);        // path -> is directory
        private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);     // parent + '/' + lower(name) -> name

        public void Add(string path, bool isDirectory)
        {
            // Directories implied by the path, outermost first.
            for (var slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
                Node(path[..slash], isDirectory: true);
            Node(path, isDirectory);
        }

        private void Node(string path, bool isDirectory)
        {
            if (_kinds.TryGetValue(path, out var wasDirectory))
            {
                if (wasDirectory != isDirectory)
                    throw new InvalidWheelException(wheel, "is both a file and a directory", path);
                if (!isDirectory)
                    throw new InvalidWheelException(wheel, "appears more than once", path);
                return;
            }
            _kinds.Add(path, isDirectory);

            var slash = path.LastIndexOf('/');
            var key = (slash < 0 ? "" : path[..slash]) + "/" + path[(slash + 1)..].ToLowerInvariant();
            if (_folded.TryGetValue(key, out var other))
                throw new InvalidWheelException(wheel, $"differs only by case from {InvalidWheelException.Quote(other)} in the same directory", path);
            _folded.Add(key, path);
        }
    }
}
