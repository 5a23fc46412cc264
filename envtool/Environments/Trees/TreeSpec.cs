using System.Globalization;
using System.Text;
using EnvTool.Python;
using EnvTool.Store.Entries;
using EnvTool.Store.Objects;
using EnvTool.Store.Trees;

namespace EnvTool.Environments.Trees;

/// <summary>One package placed in a tree.</summary>
/// <param name="Entry">The store entry of its wheel.</param>
/// <param name="Requested">The user asked for it (REQUESTED file), rather than it being pulled in as a dependency.</param>
/// <param name="DirectUrlJson">PEP 610 <c>direct_url.json</c> content for URL/path installs, else null.</param>
public sealed record TreePackage(EntryRecord Entry, string Name, string Version, bool Requested, string? DirectUrlJson);

/// <summary>
/// Everything a tree's content depends on. Equal specs give equal keys, and one key names one
/// shared tree in the store.
/// </summary>
/// <param name="Compile">Link bytecode overlays (compiled once per entry and interpreter) into the tree.</param>
public sealed record TreeSpec(InterpreterInfo Interpreter, IReadOnlyList<TreePackage> Packages, LinkMode LinkMode, bool Compile)
{
    /// <summary>Bumped whenever what a tree holds for the same spec changes (layout, generated files).</summary>
    public const int LayoutVersion = 1;

    /// <summary>
    /// sha256 hex of <see cref="CanonicalText"/>. For <see cref="LinkMode.Auto"/> this is the key of
    /// the spec as written; <see cref="TreeBuilder.Build"/> keys the tree by the mode it actually
    /// uses, so <see cref="TreeRecord.Key"/> is the one to keep.
    /// </summary>
    public string Key => KeyOf(CanonicalText);

    /// <summary>The key of the spec whose <see cref="CanonicalText"/> is <paramref name="canonicalText"/> (for callers that need both, to build the text once).</summary>
    public static string KeyOf(string canonicalText) => NameDigest.Hex(canonicalText);

    /// <summary>
    /// What the key digests, one fact per line: layout and envtool versions, the interpreter's
    /// identity, the packages sorted by artifact digest (with requested and direct URL), the link
    /// mode and the compile flag.
    /// </summary>
    public string CanonicalText
    {
        get
        {
            var text = new StringBuilder();
            void Line(string name, string value) => text.Append(name).Append(' ').Append(value).Append('\n');
            Line("envtool-tree", LayoutVersion.ToString(CultureInfo.InvariantCulture));
            Line("envtool", EnvToolVersion.Current);
            Line("interpreter", Interpreter.RealExecutable);
            Line("home", Interpreter.Home);
            Line("implementation", Interpreter.Implementation);
            Line("version", Interpreter.FullVersion);
            Line("magic", Interpreter.MagicNumberHex);
            Line("cache-tag", Interpreter.CacheTag ?? "-");
            Line("site-packages", Interpreter.SitePackagesRelative);
            Line("include", Interpreter.IncludeRelative);
            Line("pointer-bits", Interpreter.PointerBits.ToString(CultureInfo.InvariantCulture));
            Line("link", LinkMode.Name());
            Line("compile", Compile ? "yes" : "no");
            foreach (var p in Packages.OrderBy(p => p.Entry.ArtifactSha256, StringComparer.Ordinal))
            {
                var url = p.DirectUrlJson is null ? "-" : NameDigest.Hex(p.DirectUrlJson);
                Line("package", $"{p.Entry.ArtifactSha256} {(p.Requested ? "requested" : "dependency")} {url}");
            }
            return text.ToString();
        }
    }
}

/// <summary>A published tree.</summary>
/// <param name="Path">Absolute: &lt;store&gt;/trees/&lt;key&gt;.</param>
/// <param name="Reused">It was already published; nothing was built.</param>
/// <param name="Warnings">E.g. the one fallback-to-copy warning of this build; never printed by the library.</param>
public sealed record TreeRecord(string Key, string Path, bool Reused, IReadOnlyList<string> Warnings);

/// <summary>How far a build is: <paramref name="Phase"/> is "plan", "compile" or "link".</summary>
public sealed record TreeProgress(string Phase, int Done, int Total);
