using EnvTool.Standards;
using EnvTool.Standards.Locks;

namespace EnvTool.Tests.Locks;

/// <summary>
/// Every malformed lock is refused with <c>pylock.toml:LINE: key.path: problem</c>. The expected line
/// is the one marked with a <c># here</c> comment in the case's text.
/// </summary>
public class MalformedLockTests
{
    private static readonly string Sha = LockSamples.Hex("demo");
    private const string Url = "https://files.example.org/demo-1.0-py3-none-any.whl";
    private static readonly string WheelEntry = $$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", size = 10, hashes = {sha256 = "{{{Sha}}}"}}""";

    /// <summary>A valid lock every case breaks in one place.</summary>
    private static readonly string Valid = $$$"""
        lock-version = "1.0"
        created-by = "test"

        [[packages]]
        name = "demo"
        version = "1.0"
        wheels = [
          {{{WheelEntry}}},
        ]
        """;

    private static string Wheel(string entry) => Valid.Replace(WheelEntry, entry);
    /// <summary>The wheel with other <c>hashes</c>, its line marked.</summary>
    private static string WheelHashes(string hashes) =>
        Wheel("{name = \"demo-1.0-py3-none-any.whl\", url = \"" + Url + "\", hashes = " + hashes + "} # here");
    private static string Package(string keys) => Valid.Replace("\nversion = \"1.0\"\n", $"\nversion = \"1.0\"\n{keys}\n");
    private static string Top(string keys) => Valid.Replace("created-by = \"test\"\n", $"created-by = \"test\"\n{keys}\n");

    /// <summary>A package named "demo" with other sources; <paramref name="markName"/> marks its name line, where errors about the whole package point.</summary>
    private static string Sources(string tables, bool markName = false) => $$$"""
        lock-version = "1.0"
        created-by = "test"
        [[packages]]
        name = "demo"{{{(markName ? " # here" : "")}}}
        {{{tables}}}
        """;

    private static readonly Dictionary<string, (string Text, string Message)> Cases = new()
    {
        ["toml syntax"] = (Valid.Replace("created-by = \"test\"", "created-by = # here"), "invalid TOML"),
        ["duplicate key"] = (Valid.Replace("\nversion = \"1.0\"", "\nversion = \"1.0\"\nversion = \"1.0\" # here"), "invalid TOML"),
        ["missing lock-version"] = (Valid.Replace("lock-version = \"1.0\"\ncreated-by = \"test\"", "created-by = \"test\" # here"), "'lock-version' is required (a string)"),
        ["lock-version not a string"] = (Valid.Replace("lock-version = \"1.0\"", "lock-version = 1.0 # here"), "lock-version: must be a string, found the float 1"),
        ["lock-version not major.minor"] = (Valid.Replace("lock-version = \"1.0\"", "lock-version = \"1\" # here"), "lock-version: '1' is not a format version"),
        ["lock-version major 2"] = (Valid.Replace("lock-version = \"1.0\"", "lock-version = \"2.0\" # here"), "lock-version: lock-version '2.0' is not supported"),
        ["lock-version major 0"] = (Valid.Replace("lock-version = \"1.0\"", "lock-version = \"0.9\" # here"), "lock-version: lock-version '0.9' is not supported"),
        ["missing created-by"] = (Valid.Replace("lock-version = \"1.0\"\ncreated-by = \"test\"", "lock-version = \"1.0\" # here"), "'created-by' is required (a string)"),
        ["created-by not a string"] = (Valid.Replace("created-by = \"test\"", "created-by = [\"a\"] # here"), "created-by: must be a string, found an array"),
        ["missing packages"] = ("lock-version = \"1.0\" # here\ncreated-by = \"test\"\n", "'packages' is required (an array of tables)"),
        ["packages not tables"] = ("lock-version = \"1.0\"\ncreated-by = \"test\"\npackages = [\"demo\"] # here\n", "packages: item 0 must be a table, found the string 'demo'"),
        ["packages a string"] = ("lock-version = \"1.0\"\ncreated-by = \"test\"\npackages = \"demo\" # here\n", "packages: must be an array of tables, found the string 'demo'"),
        ["unknown top-level key"] = (Top("colour = \"blue\" # here"), "colour: unknown key"),
        ["environments not an array"] = (Top("environments = \"sys_platform == 'linux'\" # here"), "environments: must be an array of strings"),
        ["environments with a number"] = (Top("environments = [\"os_name == 'nt'\", 3] # here"), "environments: item 1 must be a string, found the integer 3"),
        ["environments bad marker"] = (Top("environments = [\"os_name == 'nt'\", \"python_version >=\"] # here"), "environments: item 1: invalid marker"),
        ["requires-python bad"] = (Top("requires-python = \">=3.x\" # here"), "requires-python: invalid"),
        ["extras not normalized"] = (Top("extras = [\"Foo_Bar\"] # here"), "extras: item 0: 'Foo_Bar' is not normalized"),
        ["extras invalid"] = (Top("extras = [\"-x\"] # here"), "extras: item 0: '-x' is not a valid name"),
        ["extras twice"] = (Top("extras = [\"a\", \"a\"] # here"), "extras: item 1: 'a' is listed twice"),
        ["dependency-groups invalid"] = (Top("dependency-groups = [\"dev tools\"] # here"), "dependency-groups: item 0: 'dev tools' is not a valid name"),
        ["default-groups twice"] = (Top("default-groups = [\"Dev\", \"dev\"] # here"), "default-groups: item 1: 'dev' is listed twice"),
        ["tool not a table"] = (Top("tool = 1 # here"), "tool: must be a table, found the integer 1"),

        ["package without name"] = (Valid.Replace("name = \"demo\"\nversion = \"1.0\"", "version = \"1.0\" # here"), "packages[0]: 'name' is required (a string)"),
        ["name not normalized"] = (Valid.Replace("name = \"demo\"", "name = \"Demo\" # here"), "packages[0].name: 'Demo' is not normalized"),
        ["name invalid"] = (Valid.Replace("name = \"demo\"", "name = \"demo!\" # here"), "packages[0].name: 'demo!' is not a valid package name"),
        ["name an integer"] = (Valid.Replace("name = \"demo\"", "name = 7 # here"), "packages[0].name: must be a string, found the integer 7"),
        ["version invalid"] = (Valid.Replace("\nversion = \"1.0\"", "\nversion = \"1.0-beta-x\" # here"), "packages[0].version: invalid version"),
        ["marker invalid"] = (Package("marker = \"os_name = 'nt'\" # here"), "packages[0].marker: invalid marker"),
        ["package requires-python invalid"] = (Package("requires-python = \"=>3.8\" # here"), "packages[0].requires-python: invalid"),
        ["index empty"] = (Package("index = \"\" # here"), "packages[0].index: must not be empty"),
        ["dependencies not tables"] = (Package("dependencies = [\"attrs\"] # here"), "packages[0].dependencies: item 0 must be a table"),
        ["unknown package key"] = (Package("summary = \"x\" # here"), "packages[0].summary: unknown key"),
        ["attestation without kind"] = (Valid + "\n[[packages.attestation-identities]]\nrepository = \"x/y\" # here\n", "packages[0].attestation-identities[0]: 'kind' is required (a string)"),

        ["wheels not an array"] = (Valid.Replace($"wheels = [\n  {WheelEntry},\n]", $"wheels = {WheelEntry} # here"), "packages[0].wheels: must be an array of tables, found a table"),
        ["wheel without hashes"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}"} # here"""), "packages[0].wheels[0]: 'hashes' is required"),
        ["wheel with no hash"] = (WheelHashes("{}"), "packages[0].wheels[0].hashes: at least one hash is required"),
        ["hash not hex"] = (WheelHashes("{sha256 = \"xyz\"}"), "packages[0].wheels[0].hashes.sha256: 'x' is not a hex digit"),
        ["hash too short"] = (WheelHashes("{sha256 = \"abcd\"}"), "packages[0].wheels[0].hashes.sha256: a sha256 digest is 32 bytes, this one is 2"),
        ["hash not a string"] = (WheelHashes("{sha256 = 5}"), "packages[0].wheels[0].hashes.sha256: must be a string, found the integer 5"),
        ["hash algorithm upper case"] = (WheelHashes($"{{SHA256 = \"{Sha}\"}}"), "packages[0].wheels[0].hashes.SHA256: 'S' cannot be part of a hash algorithm name"),
        ["hashes not a table"] = (WheelHashes($"\"sha256:{Sha}\""), "packages[0].wheels[0].hashes: must be a table, found the string"),
        ["wheel without url or path"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0]: one of 'url' or 'path' is required"),
        ["wheel name not a wheel"] = (Wheel($$$"""{name = "demo-1.0.tar.gz", url = "{{{Url}}}", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].name: invalid wheel file name 'demo-1.0.tar.gz'"),
        ["wheel name a path"] = (Wheel($$$"""{name = "dist/demo-1.0-py3-none-any.whl", url = "{{{Url}}}", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].name: 'dist/demo-1.0-py3-none-any.whl' must be a file name, not a path"),
        ["wheel of another package"] = (Wheel($$$"""{name = "other-1.0-py3-none-any.whl", url = "{{{Url}}}", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].name: 'other-1.0-py3-none-any.whl' is a wheel of 'other', not of 'demo'"),
        ["wheel of another version"] = (Wheel($$$"""{name = "demo-1.1-py3-none-any.whl", url = "{{{Url}}}", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].name: 'demo-1.1-py3-none-any.whl' is a wheel of version 1.1, but the package is locked at 1.0"),
        ["wheel url of another package"] = (Wheel($$$"""{url = "https://files.example.org/other-1.0-py3-none-any.whl", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].url: 'other-1.0-py3-none-any.whl' is a wheel of 'other', not of 'demo'"),
        ["wheel path not a wheel"] = (Wheel($$$"""{path = "dist/demo.zip", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].path: invalid wheel file name 'demo.zip'"),
        ["size negative"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", size = -1, hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].size: must not be negative, found -1"),
        ["size a string"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", size = "10", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].size: must be an integer, found the string '10'"),
        ["upload-time not UTC"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", upload-time = 2025-01-01T10:00:00+02:00, hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].upload-time: must be in UTC"),
        ["upload-time local"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", upload-time = 2025-01-01T10:00:00, hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].upload-time: must be a date-time with its UTC offset"),
        ["upload-time a string"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", upload-time = "2025-01-01T10:00:00Z", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].upload-time: must be a date-time, found the string"),
        ["url empty"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].url: must not be empty"),
        ["unknown wheel key"] = (Wheel($$$"""{name = "demo-1.0-py3-none-any.whl", url = "{{{Url}}}", sha256 = "{{{Sha}}}", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].wheels[0].sha256: unknown key"),
        ["wheel listed twice"] = (Valid.Replace($"  {WheelEntry},\n", $"  {WheelEntry},\n  {WheelEntry}, # here\n"), "packages[0].wheels[1]: the wheel 'demo-1.0-py3-none-any.whl' is listed twice (also as packages[0].wheels[0])"),
        ["wheels of two versions without version"] = (Sources($$$"""
            wheels = [
              {name = "demo-1.0-py3-none-any.whl", path = "a.whl", hashes = {sha256 = "{{{Sha}}}"}},
              {name = "demo-2.0-py3-none-any.whl", path = "b.whl", hashes = {sha256 = "{{{Sha}}}"}}, # here
            ]
            """), "packages[0].wheels[1]: 'demo-2.0-py3-none-any.whl' and 'demo-1.0-py3-none-any.whl' are wheels of different versions"),
        ["array-of-tables wheel without hash"] = (Sources("""
            [[packages.wheels]]
            name = "demo-1.0-py3-none-any.whl"
            path = "demo-1.0-py3-none-any.whl"
            hashes = {} # here
            """), "packages[0].wheels[0].hashes: at least one hash is required"),

        ["no source"] = (Sources("version = \"1.0\"", markName: true), "packages[0]: no source: one of wheels, sdist, archive, directory or vcs is required"),
        ["vcs with wheels"] = (Valid.Replace("name = \"demo\"\nversion = \"1.0\"", "name = \"demo\" # here\nversion = \"1.0\"\nvcs = {type = \"git\", url = \"https://git.example.org/demo\", commit-id = \"abc\"}"), "packages[0]: vcs cannot be combined with wheels"),
        ["directory and archive"] = (Sources($$$"""
            directory = {path = "demo"}
            archive = {path = "demo.zip", hashes = {sha256 = "{{{Sha}}}"}}
            """, markName: true), "packages[0]: directory and archive are mutually exclusive"),
        ["directory with version"] = (Sources("version = \"1.0\" # here\ndirectory = {path = \"demo\"}"), "packages[0].version: must not be given for a local source tree"),
        ["directory without path"] = (Sources("directory = {editable = true} # here"), "packages[0].directory: 'path' is required (a string)"),
        ["directory editable a string"] = (Sources("directory = {path = \"demo\", editable = \"yes\"} # here"), "packages[0].directory.editable: must be true or false, found the string 'yes'"),
        ["vcs unknown type"] = (Sources("vcs = {type = \"cvs\", url = \"x\", commit-id = \"1\"} # here"), "packages[0].vcs.type: 'cvs' is not a registered version control system"),
        ["vcs without commit"] = (Sources("vcs = {type = \"git\", url = \"x\"} # here"), "packages[0].vcs: 'commit-id' is required (a string)"),
        ["vcs without url or path"] = (Sources("vcs = {type = \"git\", commit-id = \"1\"} # here"), "packages[0].vcs: one of 'url' or 'path' is required"),
        ["archive without hashes"] = (Sources("[packages.archive]\nurl = \"https://files.example.org/demo.zip\" # here"), "packages[0].archive: 'hashes' is required"),
        ["unknown archive key"] = (Sources($$$"""archive = {path = "demo.zip", hashes = {sha256 = "{{{Sha}}}"}, editable = true} # here"""), "packages[0].archive.editable: unknown key"),
        ["sdist not an sdist"] = (Sources($$$"""sdist = {name = "demo-1.0.rar", path = "demo-1.0.rar", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].sdist.name: 'demo-1.0.rar' is not an sdist file name"),
        ["sdist of another package"] = (Sources($$$"""sdist = {url = "https://files.example.org/other-1.0.tar.gz", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].sdist.url: 'other-1.0.tar.gz' is an sdist of 'other', not of 'demo'"),
        ["sdist of another version"] = (Sources($$$"""
            version = "2.0"
            sdist = {path = "demo-1.0.tar.gz", hashes = {sha256 = "{{{Sha}}}"}} # here
            """), "packages[0].sdist.path: 'demo-1.0.tar.gz' is an sdist of version 1.0, but the package is locked at 2.0"),
        ["sdist without version"] = (Sources($$$"""sdist = {path = "demo.tar.gz", hashes = {sha256 = "{{{Sha}}}"}} # here"""), "packages[0].sdist.path: 'demo.tar.gz' is not an sdist file name"),

        ["same package twice without marker"] = (Valid + "\n\n[[packages]]\nname = \"demo\" # here\nversion = \"2.0\"\nwheels = [{name = \"demo-2.0-py3-none-any.whl\", path = \"x\", hashes = {sha256 = \"" + Sha + "\"}}]\n",
            "packages[1]: 'demo' is listed again without a marker (also as packages[0])"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void IsRefusedNamingFileLineAndKey(string name)
    {
        var (text, message) = Cases[name];
        var expectedLine = Array.FindIndex(text.Split('\n'), line => line.Contains("# here", StringComparison.Ordinal)) + 1;
        Assert.True(expectedLine > 0, "the case marks its line with '# here'");

        var e = Assert.Throws<FileParseException>(() => PyLockReader.Parse(text, "pylock.toml"));

        Assert.Equal("pylock.toml", e.File);
        Assert.StartsWith($"pylock.toml:{expectedLine}: {message}", e.Message);
        Assert.Equal(expectedLine, e.Line);
    }
}
