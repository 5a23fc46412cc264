using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EnvTool.Tests.Support;

/// <summary>
/// Builds real wheel files for tests: a correct wheel by default (METADATA, WHEEL and RECORD
/// generated to match the files, the name and the tags), and one knob per way a wheel can be bad.
/// <code>
/// var wheel = new WheelBuilder("demo", "1.0")
///     .File("demo/__init__.py", "x = 1\n")
///     .Script("demo", "#!python\nimport demo\n")
///     .WriteTo(dir);               // dir/demo-1.0-py3-none-any.whl
/// var bad = new WheelBuilder("demo", "1.0").File("demo/a.py", "").WithWrongHash("demo/a.py").ToBytes();
/// </code>
/// </summary>
public sealed class WheelBuilder
{
    private sealed record Item(RawZipWriter.Member Member, bool InRecord);

    private readonly List<Item> _items = [];
    private readonly HashSet<string> _notInRecord = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wrongHash = new(StringComparer.Ordinal);
    private readonly List<string> _extraRecordLines = [];
    private string? _fileName;
    private string? _metadataName;
    private string? _metadataVersion;
    private string[]? _wheelTags;
    private string? _metadataExtra;
    private bool _withRecord = true;
    private int _truncateBy;

    public WheelBuilder(string name = "demo", string version = "1.0", string tag = "py3-none-any")
    {
        Name = name;
        Version = version;
        Tag = tag;
    }

    public string Name { get; }
    public string Version { get; }
    /// <summary>The (possibly compressed) tag triple of the file name, e.g. <c>py2.py3-none-any</c>.</summary>
    public string Tag { get; }

    /// <summary>The name as it appears in file names and the dist-info directory (PEP 491 escaping).</summary>
    public string EscapedName => Regex.Replace(Name, "[-_.]+", "_").ToLowerInvariant();
    public string DistInfo => $"{EscapedName}-{Version}.dist-info";
    public string DataDir => $"{EscapedName}-{Version}.data";
    public string FileName => _fileName ?? $"{EscapedName}-{Version}-{Tag}.whl";

    // ---- content ------------------------------------------------------------------------------

    public WheelBuilder File(string path, string content, bool executable = false) =>
        File(path, Encoding.UTF8.GetBytes(content), executable);

    public WheelBuilder File(string path, byte[] content, bool executable = false) =>
        Add(new RawZipWriter.Member(path, content, executable ? 0x81ED : 0x81A4), inRecord: true);

    /// <summary>A script in <c>NAME-VER.data/scripts/</c>, executable.</summary>
    public WheelBuilder Script(string name, string content) => File($"{DataDir}/scripts/{name}", content, executable: true);

    /// <summary><paramref name="count"/> files named by <paramref name="path"/>, each with the content <paramref name="content"/> gives (empty by default).</summary>
    public WheelBuilder Files(int count, Func<int, string> path, Func<int, byte[]>? content = null)
    {
        for (var i = 0; i < count; i++) File(path(i), content?.Invoke(i) ?? []);
        return this;
    }

    /// <summary>Any zip member, exactly as given (name, mode, declared size), listed in RECORD only when asked.</summary>
    public WheelBuilder Member(RawZipWriter.Member member, bool inRecord = false) => Add(member, inRecord);

    /// <summary>A symbolic link member (unix mode S_IFLNK; the content is the target, as zip tools store it).</summary>
    public WheelBuilder Symlink(string path, string target, bool inRecord = true) =>
        Add(new RawZipWriter.Member(path, Encoding.UTF8.GetBytes(target), 0xA1FF, Deflate: false), inRecord);

    /// <summary>Extra lines appended to METADATA's header block (e.g. "Requires-Dist: idna").</summary>
    public WheelBuilder MetadataHeader(string line)
    {
        _metadataExtra += line + "\n";
        return this;
    }

    // ---- ways to be wrong ---------------------------------------------------------------------

    public WheelBuilder WithFileName(string fileName) { _fileName = fileName; return this; }
    public WheelBuilder WithMetadataName(string name) { _metadataName = name; return this; }
    public WheelBuilder WithMetadataVersion(string version) { _metadataVersion = version; return this; }
    public WheelBuilder WithWheelTags(params string[] tags) { _wheelTags = tags; return this; }
    public WheelBuilder WithoutRecord() { _withRecord = false; return this; }
    /// <summary>RECORD lists <paramref name="path"/> with the sha256 of other bytes.</summary>
    public WheelBuilder WithWrongHash(string path) { _wrongHash.Add(path); return this; }
    /// <summary>RECORD does not list <paramref name="path"/>.</summary>
    public WheelBuilder NotInRecord(string path) { _notInRecord.Add(path); return this; }
    /// <summary>A raw line appended to RECORD, e.g. one naming a file the archive lacks.</summary>
    public WheelBuilder WithRecordLine(string line) { _extraRecordLines.Add(line); return this; }
    /// <summary>Drops the last <paramref name="bytes"/> bytes of the archive (its central directory first).</summary>
    public WheelBuilder Truncated(int bytes) { _truncateBy = bytes; return this; }

    // ---- output -------------------------------------------------------------------------------

    public byte[] ToBytes()
    {
        var zip = new RawZipWriter();
        foreach (var item in _items) zip.Add(item.Member);
        var metadata = Encoding.UTF8.GetBytes(
            $"Metadata-Version: 2.1\nName: {_metadataName ?? Name}\nVersion: {_metadataVersion ?? Version}\n{_metadataExtra}\n");
        var wheel = Encoding.UTF8.GetBytes(
            "Wheel-Version: 1.0\nGenerator: envtool-tests\nRoot-Is-Purelib: true\n"
            + string.Concat((_wheelTags ?? ExpandTags(Tag)).Select(t => $"Tag: {t}\n")));
        zip.Add(new RawZipWriter.Member($"{DistInfo}/METADATA", metadata));
        zip.Add(new RawZipWriter.Member($"{DistInfo}/WHEEL", wheel));

        if (_withRecord)
        {
            var record = new StringBuilder();
            foreach (var item in _items.Where(i => i.InRecord && !_notInRecord.Contains(i.Member.Name)))
                record.Append(RecordLine(item.Member.Name, item.Member.Content));
            if (!_notInRecord.Contains($"{DistInfo}/METADATA")) record.Append(RecordLine($"{DistInfo}/METADATA", metadata));
            if (!_notInRecord.Contains($"{DistInfo}/WHEEL")) record.Append(RecordLine($"{DistInfo}/WHEEL", wheel));
            record.Append(Csv(DistInfo + "/RECORD")).Append(",,\n");
            foreach (var line in _extraRecordLines) record.Append(line).Append('\n');
            zip.Add(new RawZipWriter.Member($"{DistInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));
        }

        var bytes = zip.ToArray();
        return _truncateBy > 0 ? bytes[..Math.Max(0, bytes.Length - _truncateBy)] : bytes;
    }

    /// <summary>Writes the wheel into <paramref name="directory"/> under <see cref="FileName"/> and returns its path.</summary>
    public string WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        System.IO.File.WriteAllBytes(path, ToBytes());
        return path;
    }

    /// <summary>The RECORD hash field for <paramref name="content"/>: <c>sha256=</c> urlsafe base64 without padding.</summary>
    public static string RecordHash(ReadOnlySpan<byte> content) =>
        "sha256=" + Convert.ToBase64String(SHA256.HashData(content)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private string RecordLine(string path, byte[] content)
    {
        var hash = _wrongHash.Contains(path) ? RecordHash([.. content, (byte)'!']) : RecordHash(content);
        return $"{Csv(path)},{hash},{content.Length}\n";
    }

    private static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    private static IEnumerable<string> ExpandTags(string tag)
    {
        var parts = tag.Split('-');
        return from py in parts[0].Split('.') from abi in parts[1].Split('.') from plat in parts[2].Split('.')
               select $"{py}-{abi}-{plat}";
    }

    private WheelBuilder Add(RawZipWriter.Member member, bool inRecord)
    {
        _items.Add(new Item(member, inRecord));
        return this;
    }
}
