using EnvTool.Standards.Locks;
using EnvTool.Standards.Markers;
using EnvTool.Standards.Metadata;
using EnvTool.Standards.Names;
using EnvTool.Standards.Versions;
using EnvTool.Standards.Wheels;
using Tomlyn;
using Tomlyn.Model;

namespace EnvTool.Tests.Locks;

/// <summary>Random valid locks for round trips: every source kind, odd strings, opaque tables of every TOML type.</summary>
internal sealed class LockGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Versions = ["1.0", "2.0.post1", "3.0a1", "0.1.dev2", "4.5.6", "10.0rc2"];
    private static readonly string[] Tags =
    [
        "py3-none-any", "py2.py3-none-any", "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64",
        "cp312-abi3-win_amd64", "cp311-cp311-macosx_11_0_arm64", "cp313-cp313t-musllinux_1_2_aarch64",
    ];
    private static readonly string[] Markers =
    [
        "sys_platform == 'linux'", "python_version >= '3.10'", "'dev' in dependency_groups",
        "platform_machine == 'x86_64' and os_name == 'posix'", "'crypto' not in extras or sys_platform == 'win32'",
    ];
    private static readonly string[] Specifiers = [">=3.8", "==3.12.*", ">=3.9,<4", "~=3.10"];
    private static readonly string[] OddStrings =
    [
        "plain", "with \"double\" quotes", "with 'single' quotes", "both ' and \"", "back\\slash", "tab\there",
        "new\nline", "bell\u0007 and del\u007f", "unicode é ü 漢字 🐍", "", "trailing space ", "#not a comment",
    ];

    public PyLock Lock()
    {
        var packages = new List<LockedPackage>();
        var count = _random.Next(0, 8);
        for (var i = 0; i < count; i++)
        {
            var name = PackageName.Parse($"{Pick(["pkg", "zope-interface", "a1", "x-y-z"])}-{i}");
            packages.Add(Package(name, marker: Maybe(0.4) ? Marker.Parse(Pick(Markers)) : null));
            if (Maybe(0.2)) // the same package again for other environments
                packages.Add(Package(name, Marker.Parse("sys_platform == 'darwin'")));
        }
        return new PyLock
        {
            Environments = Maybe(0.5) ? Markers.Take(_random.Next(1, 3)).Select(Marker.Parse).ToList() : null,
            RequiresPython = Maybe(0.7) ? SpecifierSet.Parse(Pick(Specifiers)) : null,
            Extras = Maybe(0.5) ? (Maybe(0.5) ? ["crypto", "socks"] : []) : null,
            DependencyGroups = Maybe(0.5) ? ["dev"] : null,
            DefaultGroups = Maybe(0.3) ? ["default"] : null,
            CreatedBy = PyLock.Creator,
            Packages = packages,
            Tool = Maybe(0.5) ? ToolTable(depth: 0) : null,
        };
    }

    private LockedPackage Package(PackageName name, Marker? marker)
    {
        var version = Pep440Version.Parse(Pick(Versions));
        var package = new LockedPackage
        {
            Name = name,
            Version = version,
            Marker = marker,
            RequiresPython = Maybe(0.5) ? SpecifierSet.Parse(Pick(Specifiers)) : null,
            Index = Maybe(0.5) ? "https://index.example.org/simple/" : null,
            Dependencies = Maybe(0.4) ? [Table(("name", "attrs")), Table(("name", "numpy"), ("version", "2.2.3"))] : null,
            AttestationIdentities = Maybe(0.2) ? [Table(("kind", "GitHub"), ("repository", "example/x"))] : null,
            Tool = Maybe(0.3) ? ToolTable(depth: 1) : null,
        };
        var file = name.Normalized.Replace('-', '_');
        return _random.Next(10) switch
        {
            < 6 => package with
            {
                Wheels = Tags.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4))
                    .Select(tag => File(new LockedWheel { Name = WheelFileName.Parse($"{file}-{version}-{tag}.whl"), Hashes = Hashes() })).ToList(),
                Sdist = Maybe(0.3) ? File(new LockedSdist { Name = $"{file}-{version}.tar.gz", Hashes = Hashes() }) : null,
            },
            6 => package with { Sdist = File(new LockedSdist { Name = $"{file}-{version}.tar.gz", Hashes = Hashes() }) },
            7 => package with { Vcs = Vcs() },
            8 => package with
            {
                Version = null,
                Directory = new LockedDirectory { Path = Pick(["../src", "/abs/path with space", "C:\\windows\\path"]), Editable = Maybe(0.5), Subdirectory = Maybe(0.3) ? "python" : null },
            },
            _ => package with { Archive = File(new LockedArchive { Hashes = Hashes(), Subdirectory = Maybe(0.3) ? "pkg" : null }) },
        };
    }

    private LockedVcs Vcs()
    {
        var url = Maybe(0.8) ? "https://git.example.org/x.git" : null;
        return new LockedVcs
        {
            Type = Pick(["git", "hg"]),
            Url = url,
            Path = url is null || Maybe(0.2) ? "../checkout" : null,
            RequestedRevision = Maybe(0.5) ? Pick(OddStrings) : null,
            CommitId = "0123456789abcdef",
            Subdirectory = Maybe(0.3) ? "sub dir" : null,
        };
    }

    private T File<T>(T file) where T : LockedFile
    {
        var url = Maybe(0.7) ? $"https://files.example.org/{Pick(OddStrings).Length}/f%20ile?x={_random.Next()}" : null;
        return file with
        {
            Url = url,
            Path = url is null || Maybe(0.3) ? $"dist/{Pick(OddStrings)}/file" : null,
            Size = Maybe(0.8) ? _random.NextInt64(0, 1L << 40) : null,
            // Microsecond precision, as indexes publish.
            UploadTime = Maybe(0.7) ? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(_random.NextInt64(0, 1L << 52) / 10 * 10) : null,
        };
    }

    private FileHashes Hashes()
    {
        var hashes = new List<RecordHash> { RecordHash.FromBytes("sha256", Bytes(32)) };
        if (Maybe(0.3)) hashes.Add(RecordHash.FromBytes("sha512", Bytes(64)));
        if (Maybe(0.1)) hashes.Add(RecordHash.FromBytes("blake2b", Bytes(64)));
        return FileHashes.Of(hashes.OrderBy(_ => _random.Next()));
    }

    private TomlTable ToolTable(int depth)
    {
        var table = new TomlTable();
        foreach (var key in new[] { "str", "odd key.with dot", "n", "f", "b", "when", "list", "nested" }.OrderBy(_ => _random.Next()).Take(_random.Next(1, 8)))
        {
            table[key] = key switch
            {
                "str" or "odd key.with dot" => Pick(OddStrings),
                "n" => _random.NextInt64(long.MinValue, long.MaxValue),
                "f" => Pick([1.5, -0.25, 1e300, 3.0, double.PositiveInfinity]),
                "b" => Maybe(0.5),
                "when" => Pick([
                    new TomlDateTime(new DateTimeOffset(2025, 3, 6, 12, 28, 57, TimeSpan.Zero).AddTicks(7607690), 6, TomlDateTimeKind.LocalDateTime),
                    new TomlDateTime(new DateTimeOffset(2025, 3, 6, 12, 28, 57, TimeSpan.Zero), 0, TomlDateTimeKind.OffsetDateTimeByZ),
                    new TomlDateTime(new DateTimeOffset(2025, 3, 6, 0, 0, 0, TimeSpan.Zero), 0, TomlDateTimeKind.LocalDate),
                ]),
                "list" => new TomlArray { Pick(OddStrings), 1L, new TomlArray { "inner" } },
                _ => depth < 2 ? ToolTable(depth + 1) : new TomlTable { ["leaf"] = true },
            };
        }
        return table;
    }

    private static TomlTable Table(params (string Key, object Value)[] entries)
    {
        var table = new TomlTable();
        foreach (var (key, value) in entries) table[key] = value;
        return table;
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private bool Maybe(double probability) => _random.NextDouble() < probability;
    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
