using EnvTool.Standards;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;

namespace EnvTool.Wheels;

/// <summary>
/// A wheel whose inside agrees with itself and with its file name: one <c>NAME-VER.dist-info</c>
/// with METADATA, WHEEL and RECORD; at most one <c>NAME-VER.data</c> holding only the install
/// scheme directories; METADATA's Name and Version and WHEEL's tags matching the file name; and
/// RECORD listing exactly the archive's files, each with a hash (RECORD itself and its signatures
/// excepted). Nothing but the three dist-info files has been read yet.
/// </summary>
public sealed class ValidatedWheel
{
    /// <summary>The subdirectories of <c>NAME-VER.data</c> the wheel spec allows.</summary>
    public static readonly IReadOnlySet<string> DataSchemes =
        new HashSet<string>(["purelib", "platlib", "headers", "scripts", "data"], StringComparer.Ordinal);

    private ValidatedWheel(WheelArchive archive, WheelFileName fileName, string distInfo,
        CoreMetadata metadata, WheelInfo info, IReadOnlyDictionary<string, RecordHash> hashes)
    {
        Archive = archive;
        FileName = fileName;
        DistInfo = distInfo;
        Metadata = metadata;
        Info = info;
        Hashes = hashes;
    }

    public WheelArchive Archive { get; }
    public WheelFileName FileName { get; }
    public Pep440Version Version => FileName.Version;
    /// <summary>The dist-info directory, as spelled in the archive, e.g. "Flask-3.1.3.dist-info".</summary>
    public string DistInfo { get; }
    public CoreMetadata Metadata { get; }
    public WheelInfo Info { get; }
    /// <summary>RECORD's hash of every file that has one (all but RECORD and its signatures).</summary>
    public IReadOnlyDictionary<string, RecordHash> Hashes { get; }

    /// <summary>Parses the file name alone: the checks that need no archive. Throws <see cref="InvalidWheelException"/>.</summary>
    public static WheelFileName ParseFileName(string fileName)
    {
        try
        {
            return WheelFileName.Parse(fileName);
        }
        catch (ParseException e)
        {
            throw new InvalidWheelException(fileName, $"has an invalid file name: {e.Problem}"
                + (e.Position >= 0 ? $" at column {e.Position + 1} of {InvalidWheelException.Quote(e.Input)}" : ""), inner: e);
        }
    }

    public static ValidatedWheel Validate(WheelArchive archive)
    {
        var wheel = archive.Wheel;
        var fileName = ParseFileName(wheel);
        var version = fileName.Version;

        var distInfo = CheckLayout(archive, fileName, version);
        var metadata = Parse(archive, distInfo + "/METADATA", CoreMetadata.Parse);
        var info = Parse(archive, distInfo + "/WHEEL", WheelInfo.Parse);
        var record = Parse(archive, distInfo + "/RECORD", RecordFile.Parse);

        if (PackageName.Normalize(metadata.Name) != fileName.NormalizedName)
            throw new InvalidWheelException(wheel, $"has METADATA Name {InvalidWheelException.Quote(metadata.Name)}, which is not the name in the file name ('{fileName.Distribution}')");
        if (!Pep440Version.TryParse(metadata.Version, out var metadataVersion) || metadataVersion != version)
            throw new InvalidWheelException(wheel, $"has METADATA Version {InvalidWheelException.Quote(metadata.Version)}, which is not the version in the file name ('{fileName.VersionText}')");
        if (info.Tags.Count > 0)
        {
            var declared = info.Tags.ToHashSet(StringComparer.Ordinal);
            if (fileName.Tags.FirstOrDefault(t => !declared.Contains(t.ToString())) is { } missing)
                throw new InvalidWheelException(wheel, $"is named for tag '{missing}', which its WHEEL file does not list (it lists {string.Join(", ", info.Tags)})");
        }

        return new ValidatedWheel(archive, fileName, distInfo, metadata, info, CheckRecord(archive, distInfo, record));
    }

    /// <summary>Finds the one dist-info directory and checks every top-level name. Returns the dist-info directory.</summary>
    private static string CheckLayout(WheelArchive archive, WheelFileName fileName, Pep440Version version)
    {
        var wheel = archive.Wheel;
        var distInfos = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in archive.Files)
        {
            var slash = file.Path.IndexOf('/');
            if (slash > 0 && file.Path[..slash].EndsWith(".dist-info", StringComparison.Ordinal))
                distInfos.Add(file.Path[..slash]);
        }
        if (distInfos.Count == 0) throw new InvalidWheelException(wheel, "has no .dist-info directory");
        if (distInfos.Count > 1) throw new InvalidWheelException(wheel, $"has several .dist-info directories ({string.Join(", ", distInfos)})");
        var distInfo = distInfos.Min!;
        if (!NamesThisWheel(distInfo[..^".dist-info".Length], fileName, version))
            throw new InvalidWheelException(wheel, $"has dist-info directory '{distInfo}', which does not match the file name's {fileName.Distribution}-{fileName.VersionText}");

        foreach (var file in archive.Files)
        {
            var parts = file.Path.Split('/');
            var top = parts[0];
            if (top.EndsWith(".data", StringComparison.Ordinal))
            {
                if (!NamesThisWheel(top[..^".data".Length], fileName, version))
                    throw new InvalidWheelException(wheel, $"is in a .data directory that does not match the file name's {fileName.Distribution}-{fileName.VersionText}", file.Path);
                if (parts.Length < 3 || !DataSchemes.Contains(parts[1]))
                    throw new InvalidWheelException(wheel, "is not inside one of .data/{purelib,platlib,headers,scripts,data}", file.Path);
            }
            else if (parts.Length == 1 && top.EndsWith(".dist-info", StringComparison.Ordinal))
            {
                throw new InvalidWheelException(wheel, "is a file where the .dist-info directory belongs", file.Path);
            }
        }
        return distInfo;
    }

    /// <summary>Whether a "NAME-VERSION" directory stem names this wheel (name normalized, version by PEP 440 equality).</summary>
    private static bool NamesThisWheel(string stem, WheelFileName fileName, Pep440Version version)
    {
        var dash = stem.IndexOf('-');
        return dash > 0
            && PackageName.Normalize(stem[..dash]) == fileName.NormalizedName
            && Pep440Version.TryParse(stem[(dash + 1)..], out var v) && v == version;
    }

    private static T Parse<T>(WheelArchive archive, string path, Func<string, string, T> parse)
    {
        var member = archive.Find(path)
            ?? throw new InvalidWheelException(archive.Wheel, $"has no {path[(path.LastIndexOf('/') + 1)..]} file in its .dist-info directory");
        try
        {
            return parse(TolerantUtf8.Decode(archive.ReadAll(member)), path);
        }
        catch (FileParseException e)
        {
            throw new InvalidWheelException(archive.Wheel, $"has an unreadable {path[(path.LastIndexOf('/') + 1)..]}: {e.Message}", inner: e);
        }
    }

    /// <summary>RECORD and the archive must list the same files; every file but RECORD and its signatures needs a hash.</summary>
    private static Dictionary<string, RecordHash> CheckRecord(WheelArchive archive, string distInfo, RecordFile record)
    {
        var wheel = archive.Wheel;
        var unhashed = new HashSet<string>([distInfo + "/RECORD", distInfo + "/RECORD.jws", distInfo + "/RECORD.p7s"], StringComparer.Ordinal);
        var hashes = new Dictionary<string, RecordHash>(StringComparer.Ordinal);
        foreach (var row in record.Rows)
        {
            var member = archive.Find(row.Path)
                ?? throw new InvalidWheelException(wheel, "is listed in RECORD but missing from the archive", row.Path);
            if (unhashed.Contains(row.Path)) continue;
            if (row.Hash is null)
                throw new InvalidWheelException(wheel, "has no hash in RECORD", row.Path);
            if (row.Size is { } size && size != member.Size)
                throw new InvalidWheelException(wheel, $"is {member.Size} bytes in the archive but {size} bytes in RECORD", row.Path);
            if (!FileHash.IsSupported(row.Hash.Algorithm))
                throw new InvalidWheelException(wheel, $"has a RECORD hash of unsupported or too weak algorithm '{row.Hash.Algorithm}'", row.Path);
            if (hashes.TryGetValue(row.Path, out var earlier) && !earlier.Equals(row.Hash))
                throw new InvalidWheelException(wheel, "is listed twice in RECORD with different hashes", row.Path);
            hashes[row.Path] = row.Hash;
        }
        foreach (var file in archive.Files)
            if (!hashes.ContainsKey(file.Path) && !unhashed.Contains(file.Path))
                throw new InvalidWheelException(wheel, "is not listed in RECORD", file.Path);
        return hashes;
    }
}
