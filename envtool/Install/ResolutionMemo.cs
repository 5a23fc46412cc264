using System.Text;
using EnvTool.Environments;
using EnvTool.Environments.Trees;
using EnvTool.Index;
using EnvTool.Index.Errors;
using EnvTool.Python;
using EnvTool.Store.IO;
using EnvTool.Store.Objects;

namespace EnvTool.Install;

/// <summary>One package of a remembered result: its artifact and how the environment holds it.</summary>
internal sealed record RememberedPackage(string ArtifactSha256, string Name, string Version, bool Requested, string? DirectUrlJson);

/// <summary>
/// Remembers the package set that a question to local sources only (wheel files, find-links
/// directories, installed packages; no index) was answered with, in
/// <c>&lt;store&gt;/cache/resolutions/&lt;key&gt;</c>, so asking it again costs a stat of each file
/// that answer was read from instead of reading and resolving their metadata again: a second
/// environment of 94 local wheels went from 25 ms to 10 ms (an empty one takes 6.5 ms).
/// The key digests the whole question (envtool's version, the interpreter's markers and the facts
/// its wheel tags derive from, the requests, the installed packages, every source option); the file holds the
/// <see cref="FileStamp"/> of every input, taken before it was read: each wheel named, each
/// find-links directory (its stamp changes when a file is added, removed or renamed) and each file
/// whose metadata was read. The answer is used only while every input still has its stamp and
/// every artifact in it is still in the store. An answer that read a file changed within
/// <see cref="FileStamp.SettleTime"/> is not remembered, as a second change could keep that stamp.
/// </summary>
internal sealed class ResolutionMemo
{
    private const string Format = "envtool-resolution 1";
    private const string Absent = "-";

    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileStamp?> _inputs = new(StringComparer.Ordinal);

    private ResolutionMemo(string path) => _path = path;

    /// <summary>
    /// The memo of this question, or null when its answer could change without any local file
    /// changing (an index, a find-links page over HTTP) or a file name in it cannot be written down.
    /// </summary>
    public static ResolutionMemo? For(string cacheDirectory, InstallSources sources, IReadOnlyList<PackageRequest> requests,
                                      InterpreterInfo interpreter, IReadOnlyList<TreePackage> installed)
    {
        if (sources.UsesIndex) return null;
        var findLinks = new List<string>();
        foreach (var value in sources.Index.FindLinks)
        {
            Uri location;
            try { location = FindLinksSource.ParseLocation(value); }
            catch (InvalidSourceException) { return null; } // the resolving path says what is wrong with it
            if (!location.IsFile) return null;
            findLinks.Add(location.LocalPath);
        }

        var question = new StringBuilder();
        void Line(string name, string value) => question.Append(name).Append(' ').Append(value).Append('\n');
        Line(Format, EnvToolVersion.Current);
        // Every fact of the interpreter that its markers and wheel tags are computed from (listing
        // its tags instead would cost more than the rest of a remembered answer).
        Line("markers", interpreter.Markers.ToString());
        Line("interpreter", string.Join('\t', interpreter.RealExecutable, interpreter.Implementation, interpreter.FullVersion,
            interpreter.SysconfigPlatform, interpreter.PointerBits, interpreter.HasTotalRefCount, interpreter.GlibcVersion ?? Absent,
            interpreter.MuslVersion ?? Absent, interpreter.MacOSVersion ?? Absent));
        foreach (var (name, value) in interpreter.ConfigVars.OrderBy(v => v.Key, StringComparer.Ordinal))
            Line("config", $"{name}={value ?? Absent}");
        // The number, not the name: an enum's name is looked up through reflection metadata under NativeAOT.
        Line("prereleases", ((int)sources.Prereleases).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line("no-deps", sources.NoDependencies ? "yes" : "no");
        foreach (var constraint in sources.Constraints) Line("constraint", constraint.ToString());
        foreach (var request in requests)
            Line("request", $"{request.WheelPath ?? Absent}\t{request.Requirement?.ToString() ?? Absent}");
        foreach (var package in installed)
            Line("installed", $"{package.Entry.ArtifactSha256}\t{package.Name}\t{package.Version}\t{package.Requested}\t{package.DirectUrlJson ?? Absent}");
        foreach (var path in findLinks) Line("find-links", path);

        var memo = new ResolutionMemo(Path.Combine(cacheDirectory, "resolutions", NameDigest.Hex(question.ToString())));
        // Stamped now, before anything reads them.
        foreach (var path in findLinks) memo.Stamp(path);
        foreach (var request in requests)
            if (request.WheelPath is { } wheel) memo.Stamp(wheel);
        return memo;
    }

    /// <summary>Records the stamp of a file the answer is about to be read from (thread-safe; the first stamp of a path counts).</summary>
    public void Stamp(string path)
    {
        var full = Path.GetFullPath(path);
        lock (_gate)
            if (!_inputs.ContainsKey(full)) _inputs[full] = FileStamp.Of(full);
    }

    /// <summary>The remembered answer, when there is one and every input still has its stamp; never throws.</summary>
    public IReadOnlyList<RememberedPackage>? Recall()
    {
        // Read in place as UTF-8, a line and a field at a time: decoding the whole answer (48 KB for
        // 94 packages) and splitting it into line and field strings cost a remembered create about
        // 100 page faults of fresh heap (perf), a tenth of its time. Only fields kept become strings.
        if (CacheFile.TryReadBytes(_path) is not { } bytes) return null;
        var text = bytes.AsSpan();
        var header = text.IndexOf((byte)'\n');
        if (header < 0 || !text[..header].SequenceEqual(FormatUtf8)) return null;
        var packages = new List<RememberedPackage>();
        Span<Range> fields = stackalloc Range[7];
        Span<byte> stamp = stackalloc byte[FileStamp.MaxTextLength];
        var body = text[(header + 1)..];
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range];
            if (line.IsEmpty) continue;
            var count = Fields(line, fields);
            var kind = count > 0 ? line[fields[0]] : default;
            if (count == 3 && kind.SequenceEqual("input"u8))
            {
                var now = StampNow(Encoding.UTF8.GetString(line[fields[2]]));
                var length = 0;
                if (now is not { } current ? !line[fields[1]].SequenceEqual(AbsentUtf8)
                    : !current.TryFormat(stamp, out length, default, null) || !line[fields[1]].SequenceEqual(stamp[..length]))
                    return null;
            }
            else if (count == 6 && kind.SequenceEqual("package"u8))
            {
                var directUrl = line[fields[5]];
                packages.Add(new RememberedPackage(Utf8(line[fields[1]]), Utf8(line[fields[2]]), Utf8(line[fields[3]]),
                    line[fields[4]].SequenceEqual("requested"u8), directUrl.SequenceEqual(AbsentUtf8) ? null : Utf8(directUrl)));
            }
            else return null;
        }
        return packages;
    }

    private static readonly byte[] FormatUtf8 = Encoding.UTF8.GetBytes(Format);

    private static readonly byte[] AbsentUtf8 = Encoding.UTF8.GetBytes(Absent);

    private static string Utf8(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field);

    /// <summary>The tab-separated fields of <paramref name="line"/> into <paramref name="fields"/>; -1 when there are more.</summary>
    private static int Fields(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        foreach (var field in line.Split((byte)'\t'))
        {
            if (count == fields.Length) return -1;
            fields[count++] = field;
        }
        return count;
    }

    /// <summary>The stamp of an input as it is now: the one taken when the question was asked, if it was.</summary>
    private FileStamp? StampNow(string path)
    {
        lock (_gate)
            if (_inputs.TryGetValue(path, out var stamped)) return stamped;
        return FileStamp.Of(path);
    }

    /// <summary>Writes the answer down, unless an input changed too recently to trust its stamp.</summary>
    public void Remember(IReadOnlyList<TreePackage> packages)
    {
        var text = new StringBuilder(Format).Append('\n');
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
            foreach (var (path, stamp) in _inputs.OrderBy(i => i.Key, StringComparer.Ordinal))
            {
                if (stamp is { } s && s.IsRecent(now, FileStamp.SettleTime) || !Writable(path)) return;
                text.Append("input\t").Append(stamp?.ToString() ?? Absent).Append('\t').Append(path).Append('\n');
            }
        foreach (var p in packages)
        {
            if (!Writable(p.Name) || !Writable(p.Version) || p.DirectUrlJson is { } url && !Writable(url)) return;
            text.Append("package\t").Append(p.Entry.ArtifactSha256).Append('\t').Append(p.Name).Append('\t').Append(p.Version)
                .Append('\t').Append(p.Requested ? "requested" : "dependency").Append('\t').Append(p.DirectUrlJson ?? Absent).Append('\n');
        }
        CacheFile.TryWrite(_path, text.ToString());
    }

    /// <summary>Fits in one tab-separated field of one line.</summary>
    private static bool Writable(string value) => value.Length > 0 && value.IndexOfAny(['\t', '\n', '\r']) < 0;
}

/// <summary>The index as a memoized resolution sees it: each local file is stamped before its metadata is read.</summary>
internal sealed class StampingIndex(IPackageIndex inner, ResolutionMemo memo) : IPackageIndex
{
    public Task<ProjectPage> GetProjectAsync(string normalizedName, CancellationToken cancellationToken = default) =>
        inner.GetProjectAsync(normalizedName, cancellationToken);

    public Task<byte[]> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken = default)
    {
        if (file.Url.IsFile)
        {
            memo.Stamp(file.Url.LocalPath);
            // PEP 658 beside a local wheel: its absence is an input as much as its content.
            if (file.HasCoreMetadata) memo.Stamp(file.Url.LocalPath + ".metadata");
        }
        return inner.GetCoreMetadataAsync(file, cancellationToken);
    }

    public Task<Stream> OpenAsync(DistributionFile file, CancellationToken cancellationToken = default) =>
        inner.OpenAsync(file, cancellationToken);
}
