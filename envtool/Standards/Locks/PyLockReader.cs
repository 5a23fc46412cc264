using System.Text.RegularExpressions;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace EnvTool.Standards.Locks;

/// <summary>
/// Reads a PEP 751 lock file strictly: required keys and their types, normalized names, parseable
/// markers, specifiers and versions, one kind of source per package, at least one hash per file, wheel
/// and sdist file names that belong to the package, no unknown keys (for lock-version 1.0; newer minor
/// versions get warnings instead) and no two entries for one package that would both always apply.
/// Every error is a <see cref="FileParseException"/> naming file:line and the key path.
/// </summary>
public static partial class PyLockReader
{
    /// <summary>Reads the lock file at <paramref name="path"/>; relative paths inside are relative to its directory.</summary>
    public static PyLock Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "the lock file does not exist"
                : $"cannot read the lock file: {e.Message}";
            throw new FileParseException(path, null, problem, inner: e);
        }
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        if (!System.Text.Unicode.Utf8.IsValid(span))
            throw new FileParseException(path, null, "the lock file is not valid UTF-8 (TOML files must be)");
        return Parse(System.Text.Encoding.UTF8.GetString(span), path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <param name="text">The TOML document.</param>
    /// <param name="file">How to name the document in messages, e.g. "pylock.toml".</param>
    /// <param name="directory">What relative paths in the lock are relative to.</param>
    public static PyLock Parse(string text, string file, string? directory = null)
    {
        var spans = new TomlMetadataStore();
        TomlTable table;
        try
        {
            table = StrictToml.Parse(text, spans);
        }
        catch (TomlSyntaxException e)
        {
            throw new FileParseException(file, e.Line, $"invalid TOML: {e.Problem}", inner: e);
        }
        var document = new LockDocument(file, spans);
        var root = new LockTable(document, table, "", 1);

        var lockVersion = ReadLockVersion(root, document);
        var environments = root.StringArray("environments")?
            .Select((text, i) => Parse(root, "environments", i, text, Marker.Parse)).ToList();
        var requiresPython = ReadSpecifiers(root, "requires-python");
        var extras = ReadNames(root, "extras", mustBeNormalized: true);
        var dependencyGroups = ReadNames(root, "dependency-groups", mustBeNormalized: false);
        var defaultGroups = ReadNames(root, "default-groups", mustBeNormalized: false);
        var createdBy = root.RequiredString("created-by");
        var packageTables = root.TableArray("packages") ?? throw root.TableError("'packages' is required (an array of tables)");
        var packages = packageTables.Select(ReadPackage).ToList();
        var tool = root.OpaqueTable("tool");
        root.CheckUnknownKeys();
        CheckAlwaysAppliesOnce(packageTables, packages);

        return new PyLock
        {
            LockVersion = lockVersion,
            Environments = environments,
            RequiresPython = requiresPython,
            Extras = extras,
            DependencyGroups = dependencyGroups,
            DefaultGroups = defaultGroups,
            CreatedBy = createdBy,
            Packages = packages,
            Tool = tool,
            File = file,
            Directory = directory,
            Warnings = document.Warnings,
        };
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex MajorMinor();

    private static string ReadLockVersion(LockTable root, LockDocument document)
    {
        var version = root.RequiredString("lock-version");
        var match = MajorMinor().Match(version);
        if (!match.Success)
            throw root.Error("lock-version", $"'{version}' is not a format version: expected 'major.minor', e.g. \"{PyLock.FormatVersion}\"");
        if (match.Groups[1].Value != "1")
            throw root.Error("lock-version", $"lock-version '{version}' is not supported: envtool reads lock files of major version 1",
                "the lock was written by a newer tool; re-create it with a tool that writes lock-version 1.x, or upgrade envtool");
        document.LockVersion = version;
        if (match.Groups[2].Value != "0")
        {
            document.ToleratesUnknownKeys = true;
            document.Warn(root.LineOf("lock-version"),
                $"lock-version {version} is newer than {PyLock.FormatVersion}; keys envtool does not know are ignored");
        }
        return version;
    }

    private static LockedPackage ReadPackage(LockTable table)
    {
        var name = ReadPackageName(table);
        var version = table.String("version") is { } versionText ? Parse(table, "version", versionText, Pep440Version.Parse) : null;
        var marker = table.String("marker") is { } markerText ? Parse(table, "marker", markerText, Marker.Parse) : null;
        var requiresPython = ReadSpecifiers(table, "requires-python");
        var dependencies = table.TableArray("dependencies")?.Select(t => t.Toml).ToList();
        var index = table.NonEmptyString("index");

        var vcs = table.Table("vcs") is { } vcsTable ? ReadVcs(vcsTable) : null;
        var directory = table.Table("directory") is { } directoryTable ? ReadDirectory(directoryTable) : null;
        var archive = table.Table("archive") is { } archiveTable ? ReadArchive(archiveTable) : null;
        var sdist = table.Table("sdist") is { } sdistTable ? ReadSdist(sdistTable, name, version) : null;
        var wheelTables = table.TableArray("wheels") ?? [];
        var wheels = wheelTables.Select(w => ReadWheel(w, name, version)).ToList();
        CheckWheels(wheelTables, wheels, version);

        var attestations = table.TableArray("attestation-identities");
        foreach (var attestation in attestations ?? [])
            attestation.RequiredString("kind");
        var tool = table.OpaqueTable("tool");
        table.CheckUnknownKeys();

        if (directory is not null && version is not null)
            throw table.Error("version", "must not be given for a local source tree: its version can change without the lock knowing",
                "remove 'version' from this package");

        var package = new LockedPackage
        {
            Name = name,
            Version = version,
            Marker = marker,
            RequiresPython = requiresPython,
            Dependencies = dependencies,
            Index = index,
            Vcs = vcs,
            Directory = directory,
            Archive = archive,
            Sdist = sdist,
            Wheels = wheels,
            AttestationIdentities = attestations?.Select(t => t.Toml).ToList(),
            Tool = tool,
        };
        if (package.SourceProblem() is { } problem) throw table.TableError(problem);
        return package;
    }

    private static PackageName ReadPackageName(LockTable table)
    {
        var text = table.RequiredString("name");
        if (!PackageName.TryParse(text, out var name))
            throw table.Error("name", $"'{text}' is not a valid package name");
        if (name.Normalized != text)
            throw table.Error("name", $"'{text}' is not normalized", $"lock files spell names in normal form: write '{name.Normalized}'");
        return name;
    }

    private static LockedVcs ReadVcs(LockTable table)
    {
        var vcs = new LockedVcs
        {
            Type = table.RequiredString("type"),
            Url = table.NonEmptyString("url"),
            Path = table.NonEmptyString("path"),
            RequestedRevision = table.String("requested-revision"),
            CommitId = table.RequiredString("commit-id"),
            Subdirectory = table.NonEmptyString("subdirectory"),
        };
        if (vcs.Type is not ("git" or "hg" or "bzr" or "svn"))
            throw table.Error("type", $"'{vcs.Type}' is not a registered version control system (git, hg, bzr or svn)");
        if (vcs.CommitId.Length == 0) throw table.Error("commit-id", "must not be empty");
        RequireUrlOrPath(table, vcs.Url, vcs.Path);
        table.CheckUnknownKeys();
        return vcs;
    }

    private static LockedDirectory ReadDirectory(LockTable table)
    {
        var directory = new LockedDirectory
        {
            Path = table.NonEmptyString("path") ?? throw table.TableError("'path' is required (a string)"),
            Editable = table.Bool("editable") ?? false,
            Subdirectory = table.NonEmptyString("subdirectory"),
        };
        table.CheckUnknownKeys();
        return directory;
    }

    private static LockedArchive ReadArchive(LockTable table)
    {
        var archive = new LockedArchive
        {
            Url = table.NonEmptyString("url"),
            Path = table.NonEmptyString("path"),
            Size = table.NonNegativeInteger("size"),
            UploadTime = table.UtcDateTime("upload-time"),
            Hashes = ReadHashes(table),
            Subdirectory = table.NonEmptyString("subdirectory"),
        };
        RequireUrlOrPath(table, archive.Url, archive.Path);
        table.CheckUnknownKeys();
        return archive;
    }

    private static LockedSdist ReadSdist(LockTable table, PackageName package, Pep440Version? version)
    {
        var (fileName, nameKey) = ReadFileName(table);
        var sdist = new LockedSdist
        {
            Name = fileName,
            UploadTime = table.UtcDateTime("upload-time"),
            Url = table.NonEmptyString("url"),
            Path = table.NonEmptyString("path"),
            Size = table.NonNegativeInteger("size"),
            Hashes = ReadHashes(table),
        };
        table.CheckUnknownKeys();
        CheckSdistName(table, nameKey, fileName, package, version);
        return sdist;
    }

    private static LockedWheel ReadWheel(LockTable table, PackageName package, Pep440Version? version)
    {
        var (fileName, nameKey) = ReadFileName(table);
        var name = Parse(table, nameKey, fileName, WheelFileName.Parse);
        if (name.NormalizedName != package.Normalized)
            throw table.Error(nameKey, $"'{fileName}' is a wheel of '{name.NormalizedName}', not of '{package.Normalized}'");
        if (version is not null && name.Version != version)
            throw table.Error(nameKey, $"'{fileName}' is a wheel of version {name.Version}, but the package is locked at {version}");
        var wheel = new LockedWheel
        {
            Name = name,
            UploadTime = table.UtcDateTime("upload-time"),
            Url = table.NonEmptyString("url"),
            Path = table.NonEmptyString("path"),
            Size = table.NonNegativeInteger("size"),
            Hashes = ReadHashes(table),
        };
        table.CheckUnknownKeys();
        return wheel;
    }

    /// <summary>Wheels of one entry are distinct files of one version.</summary>
    private static void CheckWheels(IReadOnlyList<LockTable> tables, IReadOnlyList<LockedWheel> wheels, Pep440Version? version)
    {
        for (var i = 1; i < wheels.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (wheels[i].Name.FileName == wheels[j].Name.FileName)
                    throw tables[i].TableError($"the wheel '{wheels[i].Name}' is listed twice (also as {tables[j].Path})");
                if (version is null && wheels[i].Name.Version != wheels[j].Name.Version)
                    throw tables[i].TableError($"'{wheels[i].Name}' and '{wheels[j].Name}' are wheels of different versions",
                        "give the package a 'version', or split the versions into separate [[packages]] entries");
            }
        }
    }

    /// <summary>
    /// The file name from <c>name</c>, or else the last part of <c>path</c> or <c>url</c>; also which
    /// key it came from, so errors about the name point there.
    /// </summary>
    private static (string Name, string Key) ReadFileName(LockTable table)
    {
        var path = table.NonEmptyString("path");
        var url = table.NonEmptyString("url");
        RequireUrlOrPath(table, url, path);
        if (table.NonEmptyString("name") is { } name)
        {
            if (name.Contains('/') || name.Contains('\\'))
                throw table.Error("name", $"'{name}' must be a file name, not a path");
            return (name, "name");
        }
        if (path is not null) return (LastPathPart(path), "path");
        return (LastUrlPart(url!), "url");
    }

    private static string LastPathPart(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static string LastUrlPart(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        var withoutQuery = end < 0 ? url : url[..end];
        return Uri.UnescapeDataString(withoutQuery[(withoutQuery.LastIndexOf('/') + 1)..]);
    }

    private static void RequireUrlOrPath(LockTable table, string? url, string? path)
    {
        if (url is null && path is null)
            throw table.TableError("one of 'url' or 'path' is required");
    }

    /// <summary>An sdist is <c>{name}-{version}.tar.gz</c> (or legacy <c>.zip</c>) of this package.</summary>
    private static void CheckSdistName(LockTable table, string key, string fileName, PackageName package, Pep440Version? version)
    {
        var stem = fileName.EndsWith(".tar.gz", StringComparison.Ordinal) ? fileName[..^".tar.gz".Length]
            : fileName.EndsWith(".zip", StringComparison.Ordinal) ? fileName[..^".zip".Length]
            : throw table.Error(key, $"'{fileName}' is not an sdist file name: it must end in '.tar.gz' (or '.zip')");
        var dash = stem.LastIndexOf('-');
        if (dash <= 0)
            throw table.Error(key, $"'{fileName}' is not an sdist file name: expected '{{name}}-{{version}}.tar.gz'");
        var distribution = PackageName.Normalize(stem[..dash]);
        if (distribution != package.Normalized)
            throw table.Error(key, $"'{fileName}' is an sdist of '{distribution}', not of '{package.Normalized}'");
        if (!Pep440Version.TryParse(stem[(dash + 1)..], out var fileVersion))
            throw table.Error(key, $"'{fileName}' is not an sdist file name: '{stem[(dash + 1)..]}' is not a version");
        if (version is not null && fileVersion != version)
            throw table.Error(key, $"'{fileName}' is an sdist of version {fileVersion}, but the package is locked at {version}");
    }

    private static FileHashes ReadHashes(LockTable file)
    {
        var table = file.Table("hashes") ?? throw file.TableError("'hashes' is required (a table of algorithm = hex digest)");
        if (table.Toml.Count == 0)
            throw file.Error("hashes", "at least one hash is required", "add the file's digest, e.g. hashes = {sha256 = \"…\"}");
        var hashes = new List<RecordHash>(table.Toml.Count);
        foreach (var algorithm in table.Toml.Keys.ToList())
        {
            var hex = table.RequiredString(algorithm);
            try
            {
                hashes.Add(RecordHash.FromHex(algorithm, hex));
            }
            catch (ParseException e)
            {
                throw table.Error(algorithm, e.Problem, inner: e);
            }
        }
        return FileHashes.Of(hashes);
    }

    private static SpecifierSet? ReadSpecifiers(LockTable table, string key) =>
        table.String(key) is { } text ? Parse(table, key, text, SpecifierSet.Parse) : null;

    private static IReadOnlyList<string>? ReadNames(LockTable table, string key, bool mustBeNormalized)
    {
        var names = table.StringArray(key);
        if (names is null) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!ExtraName.TryParse(names[i], out var normalized))
                throw table.Error(key, $"item {i}: '{names[i]}' is not a valid name");
            if (mustBeNormalized && normalized != names[i])
                throw table.Error(key, $"item {i}: '{names[i]}' is not normalized", $"write '{normalized}'");
            if (!seen.Add(normalized))
                throw table.Error(key, $"item {i}: '{names[i]}' is listed twice");
        }
        return names;
    }

    /// <summary>
    /// PEP 751 lets a package appear several times, but at install time only one entry per name may
    /// apply. Two entries without a marker would both apply everywhere, so that is an error already.
    /// </summary>
    private static void CheckAlwaysAppliesOnce(IReadOnlyList<LockTable> tables, IReadOnlyList<LockedPackage> packages)
    {
        var unconditional = new Dictionary<PackageName, int>();
        for (var i = 0; i < packages.Count; i++)
        {
            if (packages[i].Marker is not null) continue;
            if (unconditional.TryGetValue(packages[i].Name, out var first))
                throw tables[i].TableError(
                    $"'{packages[i].Name}' is listed again without a marker (also as {tables[first].Path}): both entries would be installed in every environment",
                    "give the entries markers that tell the environments apart");
            unconditional[packages[i].Name] = i;
        }
    }

    private static T Parse<T>(LockTable table, string key, string text, Func<string, T> parse) =>
        Parse(table, key, -1, text, parse);

    /// <summary>Parses one value with a standard's parser; its error becomes a lock-file error at the key.</summary>
    private static T Parse<T>(LockTable table, string key, int item, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (ParseException e)
        {
            var where = item >= 0 ? $"item {item}: " : "";
            throw table.Error(key, $"{where}{e.Message}", e.Hint, e);
        }
    }
}
