using System.Security.Cryptography;
using System.Text;
using EnvTool.Environments.Layout;
using EnvTool.Environments.Scripts;
using EnvTool.Standards.Metadata;
using EnvTool.Store.Overlays;

namespace EnvTool.Environments.Trees;

/// <summary>
/// Spreads one package's store entry over a tree as <c>pip install --no-deps</c> would: its files by
/// install scheme, <c>#!python</c> scripts rewritten, console and GUI entry points rendered into
/// <c>bin/</c>, and in the dist-info <c>INSTALLER</c>, <c>REQUESTED</c>, <c>direct_url.json</c> and a
/// <c>RECORD</c> describing the installed files (paths relative to site-packages, hashes and sizes of
/// what was generated, RECORD itself without a hash).
/// </summary>
internal sealed class PackagePlanner
{
    private const string InstallerName = "envtool";

    private readonly VenvLayout _layout;
    private readonly TreePlan _plan;

    internal PackagePlanner(VenvLayout layout, TreePlan plan)
    {
        _layout = layout;
        _plan = plan;
    }

    /// <param name="bytecode">The package's compiled files for this interpreter (entry-relative .pyc paths), or null.</param>
    /// <param name="files">Every file of the entry, '/'-separated and relative to it, in ordinal order.</param>
    internal void Add(TreePackage package, OverlayRecord? bytecode, IReadOnlyList<string> files)
    {
        var owner = $"{package.Name} {package.Version}";
        var entry = package.Entry.Path;
        var distInfo = EntryDistInfo.Find(package.Entry);
        var mapper = EntryDistInfo.Mapper(_layout, distInfo, package.Name);
        var wheelRecord = ReadWheelRecord(Path.Combine(entry, distInfo, "RECORD"));
        var record = new List<RecordRow>();
        var shipped = new HashSet<string>(StringComparer.Ordinal);
        var generatedNames = new HashSet<string>(StringComparer.Ordinal) { "RECORD", "INSTALLER", "REQUESTED", "direct_url.json" };

        var distInfoPrefix = distInfo + "/";
        foreach (var relative in files)
        {
            var inDistInfo = relative.StartsWith(distInfoPrefix, StringComparison.Ordinal);
            // The installer's own files are written below; a wheel's copies of them do not survive installation.
            if (inDistInfo && generatedNames.Contains(relative[(distInfo.Length + 1)..])) continue;
            var source = Path.Combine(entry, relative);
            var placement = mapper.Map(relative);
            if (placement.Scheme == WheelScheme.Scripts && DataScript.Rewrite(File.ReadAllBytes(source)) is { } rewritten)
            {
                Generate(placement.TreePath, rewritten, executable: true, owner, record);
                continue;
            }
            _plan.Add(placement.TreePath, new TreeSource.StoreFile(source), owner);
            shipped.Add(placement.TreePath);
            record.Add(wheelRecord.TryGetValue(relative, out var row) && row.Hash is not null
                ? new RecordRow(RecordPath(placement.TreePath), row.Hash, row.Size ?? new FileInfo(source).Length)
                : HashedRow(placement.TreePath, File.ReadAllBytes(source)));
        }

        if (bytecode is not null)
        {
            foreach (var pyc in bytecode.Files)
            {
                var treePath = mapper.Map(pyc).TreePath;
                if (shipped.Contains(treePath)) continue; // the wheel brought its own .pyc for this interpreter
                _plan.Add(treePath, new TreeSource.StoreFile(Path.Combine(bytecode.Path, pyc)), owner);
                record.Add(new RecordRow(RecordPath(treePath), null, null)); // pip lists compiled files without a hash
            }
        }

        var entryPoints = Path.Combine(entry, distInfo, "entry_points.txt");
        if (File.Exists(entryPoints))
        {
            var parsed = EntryPoints.Read(entryPoints);
            // On POSIX, GUI scripts are launched exactly like console scripts.
            foreach (var ep in parsed.ConsoleScripts.Concat(parsed.GuiScripts))
            {
                var script = EntryPointScript.Render(package.Name, ep.Name, ep.Value);
                Generate($"{_layout.Bin}/{ep.Name}", Encoding.UTF8.GetBytes(script), executable: true, owner, record);
            }
        }

        var distInfoPath = $"{_layout.SitePackages}/{distInfo}";
        Generate($"{distInfoPath}/INSTALLER", Encoding.UTF8.GetBytes(InstallerName + "\n"), executable: false, owner, record);
        if (package.Requested) Generate($"{distInfoPath}/REQUESTED", [], executable: false, owner, record);
        if (package.DirectUrlJson is { } directUrl)
            Generate($"{distInfoPath}/direct_url.json", Encoding.UTF8.GetBytes(directUrl), executable: false, owner, record);
        record.Add(new RecordRow($"{distInfo}/RECORD", null, null));
        _plan.Add($"{distInfoPath}/RECORD", new TreeSource.Generated(Encoding.UTF8.GetBytes(new RecordFile(record).ToText()), Executable: false), owner);
    }

    private void Generate(string treePath, byte[] content, bool executable, string owner, List<RecordRow> record)
    {
        _plan.Add(treePath, new TreeSource.Generated(content, executable), owner);
        record.Add(HashedRow(treePath, content));
    }

    private RecordRow HashedRow(string treePath, byte[] content) =>
        new(RecordPath(treePath), RecordHash.Sha256Of(content), content.Length);

    /// <summary>RECORD paths are relative to site-packages, so a script in bin/ reads <c>../../../bin/name</c>.</summary>
    private string RecordPath(string treePath)
    {
        var sitePackages = _layout.SitePackages + "/";
        if (treePath.StartsWith(sitePackages, StringComparison.Ordinal)) return treePath[sitePackages.Length..];
        var depth = _layout.SitePackages.Count(c => c == '/') + 1;
        return string.Concat(Enumerable.Repeat("../", depth)) + treePath;
    }

    private static Dictionary<string, RecordRow> ReadWheelRecord(string path)
    {
        var rows = new Dictionary<string, RecordRow>(StringComparer.Ordinal);
        if (!File.Exists(path)) return rows;
        foreach (var row in RecordFile.Read(path).Rows) rows.TryAdd(row.Path, row);
        return rows;
    }

}
